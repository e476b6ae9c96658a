package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Red team of notebook 10's 10-2 check: an answer that reads tomorrow's close off the next test
 * window (the test windows overlap, so window i + 1 ends on window i's target day) must fail.
 */
class RedTeam10Test {

    @Test
    void nextWindowPeekFails() {
        var r = Checks10.forecastViaChange((train, testX) -> {
            int m = testX.size(0), steps = testX.size(1), close = testX.size(2) - 1;
            Tensor pred = Tensor.zeros(DType.FLOAT64, m, 1);
            for (int i = 0; i < m; i++) pred.set(testX.get(Math.min(i + 1, m - 1), steps - 1, close), i, 0);
            return pred.to(testX.dtype());
        });
        assertNotEquals(ExerciseStatus.PASSED, r.status(), r.toString());
    }
}
