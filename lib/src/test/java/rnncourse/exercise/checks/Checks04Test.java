package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Checks04Test {

    static double crossEntropy(double[][] logits, int[] targets) {
        double total = 0;
        for (int n = 0; n < logits.length; n++) {
            double max = Arrays.stream(logits[n]).max().getAsDouble();
            double sum = 0;
            for (double z : logits[n]) sum += Math.exp(z - max);
            total += -(logits[n][targets[n]] - max - Math.log(sum));
        }
        return total / logits.length;
    }

    static double naiveCrossEntropy(double[][] logits, int[] targets) {
        double total = 0;
        for (int n = 0; n < logits.length; n++) {
            double sum = 0;
            for (double z : logits[n]) sum += Math.exp(z);
            total += -Math.log(Math.exp(logits[n][targets[n]]) / sum);
        }
        return total / logits.length;
    }

    private static void assertStatus(ExerciseStatus expected, ExerciseResult r) {
        assertEquals(expected, r.status(), r.toString());
    }

    @Test
    void crossEntropyReferencePasses() {
        assertStatus(ExerciseStatus.PASSED, Checks04.crossEntropyByHand(Checks04Test::crossEntropy));
    }

    @Test
    void crossEntropyWrongAnswersFail() {
        ExerciseResult sum = Checks04.crossEntropyByHand((z, y) -> crossEntropy(z, y) * z.length);
        assertStatus(ExerciseStatus.FAILED, sum);
        assertTrue(sum.toString().contains("평균"), sum.toString());
        assertStatus(ExerciseStatus.FAILED, Checks04.crossEntropyByHand((z, y) -> {
            double t = 0;
            for (int n = 0; n < z.length; n++) t -= z[n][y[n]];
            return t / z.length;
        }));
        ExerciseResult overflow = Checks04.crossEntropyByHand(Checks04Test::naiveCrossEntropy);
        assertStatus(ExerciseStatus.FAILED, overflow);
        assertEquals(1, overflow.failed(), overflow.toString());       // only the large-score case
        assertStatus(ExerciseStatus.FAILED, Checks04.crossEntropyByHand((z, y) -> 0.8862));
        assertStatus(ExerciseStatus.UNSOLVED, Checks04.crossEntropyByHand((z, y) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks04.crossEntropyByHand((z, y) -> z[z.length][0]));
    }

    @Test
    void lossFloorReferencePassesAndWrongOnesFail() {
        assertStatus(ExerciseStatus.PASSED, Checks04.lossFloor(c -> Math.log(1 + (c - 1) * Math.exp(-2))));
        assertStatus(ExerciseStatus.PASSED, Checks04.lossFloor(c -> -Math.log(Math.E / (Math.E + (c - 1) / Math.E))));
        ExerciseResult logC = Checks04.lossFloor(Math::log);
        assertStatus(ExerciseStatus.FAILED, logC);
        assertTrue(logC.toString().contains("아무것도 모르는"), logC.toString());
        assertStatus(ExerciseStatus.FAILED, Checks04.lossFloor(c -> Math.log(1 + (c - 1) * Math.exp(-1))));
        assertStatus(ExerciseStatus.FAILED, Checks04.lossFloor(c -> Math.log(1 + c * Math.exp(-2))));
        assertStatus(ExerciseStatus.FAILED, Checks04.lossFloor(c -> 0.4327));
        assertStatus(ExerciseStatus.UNSOLVED, Checks04.lossFloor(c -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks04.lossFloor(c -> { throw new IllegalStateException("x"); }));
    }

    @Test
    void scaleForReferencePassesAndWrongOnesFail() {
        assertStatus(ExerciseStatus.PASSED, Checks04.scaleFor((c, t) -> 0.5 * Math.log((c - 1) / (Math.exp(t) - 1))));
        ExerciseResult noTwo = Checks04.scaleFor((c, t) -> Math.log((c - 1) / (Math.exp(t) - 1)));
        assertStatus(ExerciseStatus.FAILED, noTwo);
        assertTrue(noTwo.toString().contains("2s"), noTwo.toString());
        assertStatus(ExerciseStatus.FAILED, Checks04.scaleFor((c, t) -> 0.5 * Math.log((c - 1) / t)));
        assertStatus(ExerciseStatus.FAILED, Checks04.scaleFor((c, t) -> 0.5 * Math.log(c / (Math.exp(t) - 1))));
        assertStatus(ExerciseStatus.FAILED, Checks04.scaleFor((c, t) -> -0.5 * Math.log((c - 1) / (Math.exp(t) - 1))));
        assertStatus(ExerciseStatus.UNSOLVED, Checks04.scaleFor((c, t) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks04.scaleFor((c, t) -> { throw new ArithmeticException("x"); }));
    }
}
