package rnncourse.exercise.checks;

import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Red-team answers for an exercise check (issue 23): plausible wrong answers written without
 * looking at the check, each of which must be FAILED (or ERROR), and correct answers written
 * differently from the solution, each of which must be PASSED. All answers are run before the
 * assertion, so that one report names every answer the check misjudges.
 *
 * @param <A> the exercise's functional interface
 */
final class RedTeam<A> {

    private final Function<A, ExerciseResult> check;
    private final Map<String, A> wrong = new LinkedHashMap<>();
    private final Map<String, A> right = new LinkedHashMap<>();

    private RedTeam(Function<A, ExerciseResult> check) {
        this.check = check;
    }

    /** Red-team answers for the check {@code check}, e.g. {@code Checks04::lossFloor}. */
    static <A> RedTeam<A> of(Function<A, ExerciseResult> check) {
        return new RedTeam<>(check);
    }

    /** A wrong answer, which the check must reject. */
    RedTeam<A> wrong(String why, A answer) {
        wrong.put(why, answer);
        return this;
    }

    /** A correct answer, which the check must accept. */
    RedTeam<A> right(String how, A answer) {
        right.put(how, answer);
        return this;
    }

    /** Runs every answer and fails with the list of those the check misjudged. */
    void verify() {
        List<String> misjudged = new ArrayList<>();
        wrong.forEach((why, answer) -> {
            ExerciseResult r = check.apply(answer);
            if (r.status() == ExerciseStatus.PASSED || r.status() == ExerciseStatus.UNSOLVED) {
                misjudged.add("wrong answer " + r.status() + ": " + why);
            }
        });
        right.forEach((how, answer) -> {
            ExerciseResult r = check.apply(answer);
            if (r.status() != ExerciseStatus.PASSED) {
                misjudged.add("correct answer " + r.status() + ": " + how + "\n" + r);
            }
        });
        assertTrue(misjudged.isEmpty(), String.join("\n", misjudged));
    }
}
