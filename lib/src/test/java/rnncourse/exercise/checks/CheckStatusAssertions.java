package rnncourse.exercise.checks;

import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one assertion the ChecksNN tests make: a check ended with the given status (the box shown if not). */
final class CheckStatusAssertions {

    private CheckStatusAssertions() {
    }

    static void assertStatus(ExerciseStatus expected, ExerciseResult result) {
        assertEquals(expected, result.status(), result.toString());
    }
}
