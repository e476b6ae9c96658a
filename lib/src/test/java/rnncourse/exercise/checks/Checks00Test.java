package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;

import static rnncourse.exercise.checks.CheckStatusAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Checks00Test {

    static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            out[i] = Math.max(da, db);
        }
        return out;
    }

    static int[] leftAligned(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(i < a.length ? a[i] : 1, i < b.length ? b[i] : 1);
        }
        return out;
    }

    @Test
    void broadcastShapeAcceptsTheRuleAndCatchesAlignmentMistakes() {
        assertStatus(ExerciseStatus.PASSED, Checks00.broadcastShape(Checks00Test::broadcast));
        assertStatus(ExerciseStatus.FAILED, Checks00.broadcastShape(Checks00Test::leftAligned));
        assertStatus(ExerciseStatus.FAILED, Checks00.broadcastShape((a, b) -> (a.length >= b.length ? a : b).clone()));
        assertStatus(ExerciseStatus.FAILED, Checks00.broadcastShape((a, b) -> new int[]{2, 3, 4}));   // the page's example
        assertStatus(ExerciseStatus.UNSOLVED, Checks00.broadcastShape((a, b) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks00.broadcastShape((a, b) -> new int[]{a[5]}));
    }

    @Test
    void sigmoidSlopeAcceptsEitherFormAndCatchesTanhsSlope() {
        assertStatus(ExerciseStatus.PASSED, Checks00.sigmoidSlope(x -> {
            double s = 1 / (1 + Math.exp(-x));
            return s * (1 - s);
        }));
        assertStatus(ExerciseStatus.PASSED, Checks00.sigmoidSlope(x -> Math.exp(-x) / Math.pow(1 + Math.exp(-x), 2)));
        ExerciseResult tanhSlope = Checks00.sigmoidSlope(x -> {
            double s = 1 / (1 + Math.exp(-x));
            return 1 - s * s;
        });
        assertStatus(ExerciseStatus.FAILED, tanhSlope);
        assertTrue(tanhSlope.failures().get(0).what().contains("x = 0.000"), tanhSlope.toString());
        assertStatus(ExerciseStatus.FAILED, Checks00.sigmoidSlope(x -> Math.exp(-x) / (1 + Math.exp(-x))));
        assertStatus(ExerciseStatus.FAILED, Checks00.sigmoidSlope(x -> 0.0));   // small far out, wrong at 0
        assertStatus(ExerciseStatus.UNSOLVED, Checks00.sigmoidSlope(x -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks00.sigmoidSlope(x -> {
            throw new IllegalArgumentException("no");
        }));
    }
}
