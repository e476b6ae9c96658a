package rnncourse.exercise;

import java.util.List;
import java.util.Objects;

/**
 * One exercise of the course as the progress table, the hints and the grader know it.
 *
 * <p>Each notebook's check class ({@code rnncourse.exercise.checks.ChecksNN}) lists its
 * exercises in a {@code public static final List<ExerciseInfo> EXERCISES}, in notebook order;
 * {@code Exercise.hint(id)} hands out {@link #hints()} one at a time.
 *
 * @param id    "NN-k": notebook number, exercise number
 * @param title a short Korean title, the same the check's box shows
 * @param hints two or three Korean hints, from a nudge to nearly the answer
 */
public record ExerciseInfo(String id, String title, List<String> hints) {
    public ExerciseInfo {
        Objects.requireNonNull(id, "id");
        if (!Exercise.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("exercise id '" + id + "' is not of the form NN-k");
        }
        title = title == null ? "" : title;
        hints = List.copyOf(hints);
        if (hints.isEmpty()) {
            throw new IllegalArgumentException("exercise " + id + " has no hints");
        }
    }

    /** @return the two-digit notebook number, for example "04" */
    public String notebook() {
        return id.substring(0, 2);
    }
}
