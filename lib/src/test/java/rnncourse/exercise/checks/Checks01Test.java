package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseStatus;

import static rnncourse.exercise.checks.CheckStatusAssertions.assertStatus;

class Checks01Test {

    static double[] step(double x, double[] h) {
        return new double[]{Math.tanh(x + 0.5 * h[0] - 0.4 * h[1]), Math.tanh(-0.5 * x + 0.3 * h[0] + 0.8 * h[1])};
    }

    @Test
    void stepByHandCatchesTransposedWeightMissingTanhAndSwappedUnits() {
        assertStatus(ExerciseStatus.PASSED, Checks01.stepByHand(Checks01Test::step));
        assertStatus(ExerciseStatus.FAILED, Checks01.stepByHand((x, h) ->
                new double[]{Math.tanh(x + 0.5 * h[0] + 0.3 * h[1]), Math.tanh(-0.5 * x - 0.4 * h[0] + 0.8 * h[1])}));
        assertStatus(ExerciseStatus.FAILED, Checks01.stepByHand((x, h) ->
                new double[]{x + 0.5 * h[0] - 0.4 * h[1], -0.5 * x + 0.3 * h[0] + 0.8 * h[1]}));
        assertStatus(ExerciseStatus.FAILED, Checks01.stepByHand((x, h) -> {
            double[] r = step(x, h);
            return new double[]{r[1], r[0]};
        }));
        assertStatus(ExerciseStatus.FAILED, Checks01.stepByHand((x, h) -> new double[]{0.7616, -0.4621}));   // the page's h_1
        assertStatus(ExerciseStatus.FAILED, Checks01.stepByHand((x, h) -> new double[]{1}));
        assertStatus(ExerciseStatus.UNSOLVED, Checks01.stepByHand((x, h) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks01.stepByHand((x, h) -> new double[]{h[2], h[0]}));
    }

    @Test
    void parameterCountCatchesLengthTimesCellsAndMissingBiases() {
        assertStatus(ExerciseStatus.PASSED, Checks01.parameterCount((in, hid, len) -> hid * (in + hid + 2)));
        assertStatus(ExerciseStatus.FAILED, Checks01.parameterCount((in, hid, len) -> len * hid * (in + hid + 2)));
        assertStatus(ExerciseStatus.FAILED, Checks01.parameterCount((in, hid, len) -> hid * (in + hid + 1)));
        assertStatus(ExerciseStatus.FAILED, Checks01.parameterCount((in, hid, len) -> hid * in + in * in + 2 * hid));
        assertStatus(ExerciseStatus.FAILED, Checks01.parameterCount((in, hid, len) -> 10));   // the page's count
        assertStatus(ExerciseStatus.UNSOLVED, Checks01.parameterCount((in, hid, len) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks01.parameterCount((in, hid, len) -> hid / (in - in)));
    }
}
