package rnncourse.exercise;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The course's exercises in course order, as the notebooks' check classes
 * ({@code rnncourse.exercise.checks.ChecksNN}) list them in their {@code EXERCISES} fields.
 * The classes are found by name, notebook 00 to 99, so a notebook's checks join the catalog by
 * existing.
 */
public final class Course {
    /** The package of the check classes. */
    static final String CHECKS_PACKAGE = "rnncourse.exercise.checks";

    private static volatile List<ExerciseInfo> exercises;

    private Course() {
    }

    /** @return every exercise of the course, notebook by notebook, in each notebook's order */
    public static List<ExerciseInfo> exercises() {
        List<ExerciseInfo> all = exercises;
        if (all == null) {
            all = load();
            exercises = all;
        }
        return all;
    }

    /** @return the exercise with this id, if the course has it */
    public static Optional<ExerciseInfo> find(String id) {
        return exercises().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** @return the check class of notebook {@code nn} ("04"), if there is one */
    static Optional<Class<?>> checksClass(String nn) {
        try {
            return Optional.of(Class.forName(CHECKS_PACKAGE + ".Checks" + nn, true, Course.class.getClassLoader()));
        } catch (ClassNotFoundException absent) {
            return Optional.empty();
        }
    }

    private static List<ExerciseInfo> load() {
        List<ExerciseInfo> all = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            String nn = String.format("%02d", n);
            Optional<Class<?>> checks = checksClass(nn);
            if (checks.isPresent()) {
                all.addAll(declared(checks.get(), nn));
            }
        }
        return Collections.unmodifiableList(all);
    }

    /** The {@code EXERCISES} of one check class, each checked to belong to its notebook. */
    static List<ExerciseInfo> declared(Class<?> checks, String nn) {
        Object value;
        try {
            Field field = checks.getField("EXERCISES");
            if (!Modifier.isStatic(field.getModifiers())) {
                throw new IllegalStateException(checks.getName() + ".EXERCISES is not static");
            }
            value = field.get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException(checks.getName() + " has no public static EXERCISES list", e);
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(checks.getName() + ".EXERCISES is not a List<ExerciseInfo>");
        }
        List<ExerciseInfo> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof ExerciseInfo info) || !info.notebook().equals(nn)) {
                throw new IllegalStateException(checks.getName() + ".EXERCISES holds " + item
                        + ", not an exercise of notebook " + nn);
            }
            out.add(info);
        }
        return out;
    }
}
