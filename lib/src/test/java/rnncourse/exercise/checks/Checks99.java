package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;

import java.util.List;

/** A test-only notebook 99 with one exercise, so the catalog, hints and solutions have something to find. */
public final class Checks99 {
    /** The exercise's hints, from a nudge to the answer. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("99-1", "두 배", List.of("곱하기입니다.", "2를 곱하세요.", "return 2 * x;")));

    private Checks99() {
    }

    /** The student's code. */
    @FunctionalInterface
    public interface Doubler {
        /** @return twice x */
        int twice(int x);
    }

    /** Checks {@code twice} on a few numbers. */
    public static ExerciseResult twice(Doubler answer) {
        return Exercise.check("99-1", "두 배", check -> {
            for (int x : new int[]{-3, 0, 7}) {
                check.equal("x = " + x, 2 * x, check.call(() -> answer.twice(x)), "곱하기를 확인하세요.");
            }
        });
    }
}
