package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Checks05Test {

    private static void assertStatus(ExerciseStatus expected, ExerciseResult r) {
        assertEquals(expected, r.status(), r.toString());
    }

    @Test
    void windowCountRightAndWrong() {
        assertStatus(ExerciseStatus.PASSED, Checks05.windowCount((n, w) -> n - w));
        assertStatus(ExerciseStatus.PASSED, Checks05.windowCount((n, w) -> {
            int count = 0;
            for (int i = 0; i + w + 1 <= n; i++) count++;
            return count;
        }));
        ExerciseResult plusOne = Checks05.windowCount((n, w) -> n - w + 1);
        assertStatus(ExerciseStatus.FAILED, plusOne);
        assertTrue(plusOne.toString().contains("하나 많습니다"), plusOne.toString());
        assertStatus(ExerciseStatus.FAILED, Checks05.windowCount((n, w) -> n - w - 1));
        assertStatus(ExerciseStatus.FAILED, Checks05.windowCount((n, w) -> n / w));
        assertStatus(ExerciseStatus.FAILED, Checks05.windowCount((n, w) -> 170));
        assertStatus(ExerciseStatus.UNSOLVED, Checks05.windowCount((n, w) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks05.windowCount((n, w) -> n / (w - w)));
    }

    static double[] byPosition(Tensor predicted, Tensor targets) {
        int windows = predicted.size(0), length = predicted.size(1);
        double[] accuracy = new double[length];
        for (int i = 0; i < windows; i++)
            for (int j = 0; j < length; j++)
                if (predicted.get(i, j) == targets.get(i, j)) accuracy[j] += 1.0 / windows;
        return accuracy;
    }

    @Test
    void accuracyByPositionRightAndWrong() {
        assertStatus(ExerciseStatus.PASSED, Checks05.accuracyByPosition(Checks05Test::byPosition));
        assertStatus(ExerciseStatus.PASSED, Checks05.accuracyByPosition(
                (p, t) -> {
            double[] a = p.toDoubleArray(), b = t.toDoubleArray();
            int length = p.size(1);
            double[] right = new double[length];
            for (int k = 0; k < a.length; k++) if (a[k] == b[k]) right[k % length]++;
            for (int j = 0; j < length; j++) right[j] /= p.size(0);
            return right;
        }));
        ExerciseResult counts = Checks05.accuracyByPosition((p, t) -> {
            double[] a = byPosition(p, t);
            for (int j = 0; j < a.length; j++) a[j] *= p.size(0);
            return a;
        });
        assertStatus(ExerciseStatus.FAILED, counts);
        assertTrue(counts.toString().contains("나눠"), counts.toString());
        assertStatus(ExerciseStatus.FAILED, Checks05.accuracyByPosition((p, t) -> {   // per window, not per position
            int windows = p.size(0), length = p.size(1);
            double[] a = new double[windows];
            for (int i = 0; i < windows; i++)
                for (int j = 0; j < length; j++)
                    if (p.get(i, j) == t.get(i, j)) a[i] += 1.0 / length;
            return a;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks05.accuracyByPosition((p, t) -> {   // first window only
            double[] a = new double[p.size(1)];
            for (int j = 0; j < a.length; j++) a[j] = p.get(0, j) == t.get(0, j) ? 1 : 0;
            return a;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks05.accuracyByPosition((p, t) -> new double[]{0.0, 0.994}));
        assertStatus(ExerciseStatus.UNSOLVED, Checks05.accuracyByPosition((p, t) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks05.accuracyByPosition((p, t) -> new double[p.size(5)]));
    }
}
