package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.data.Windows;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.tensor.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Checks10Test {

    private static double direction(Tensor last, Tensor predicted, Tensor truth, boolean orEqual) {
        double[] l = last.toDoubleArray(), p = predicted.toDoubleArray(), t = truth.toDoubleArray();
        int same = 0;
        for (int i = 0; i < l.length; i++) {
            same += (orEqual ? (p[i] >= l[i]) == (t[i] >= l[i]) : (p[i] > l[i]) == (t[i] > l[i])) ? 1 : 0;
        }
        return (double) same / l.length;
    }

    private static Tensor lastClose(Tensor x) {
        return x.select(1, x.size(1) - 1).select(1, 4).unsqueeze(1);
    }

    /**
     * A fast correct forecaster: ridge least squares of the change on the flattened window,
     * fitted on the first 80 % of train, kept only if it beats "no change" on the last 20 %.
     */
    static Tensor leastSquaresChange(Windows.Pair train, Tensor testX, boolean validate, boolean addBack) {
        int n = train.size(), f = train.x().size(1) * train.x().size(2) + 1, nFit = validate ? n * 4 / 5 : n;
        double[] x = train.x().toDoubleArray(), y = train.y().toDoubleArray(), last = lastClose(train.x()).toDoubleArray();
        double[][] a = new double[f][f + 1];
        for (int i = 0; i < nFit; i++) {
            for (int j = 0; j < f; j++) {
                double xj = j == f - 1 ? 1 : x[i * (f - 1) + j];
                for (int k = 0; k < f; k++) {
                    a[j][k] += xj * (k == f - 1 ? 1 : x[i * (f - 1) + k]);
                }
                a[j][f] += xj * (y[i] - last[i]);
            }
        }
        for (int j = 0; j < f; j++) {
            a[j][j] += 1e-3;
        }
        for (int c = 0; c < f; c++) {                       // Gauss-Jordan on the normal equations
            for (int r = 0; r < f; r++) {
                if (r != c) {
                    double m = a[r][c] / a[c][c];
                    for (int k = c; k <= f; k++) {
                        a[r][k] -= m * a[c][k];
                    }
                }
            }
        }
        double[] w = new double[f];
        for (int j = 0; j < f; j++) {
            w[j] = a[j][f] / a[j][j];
        }
        double valModel = 0, valZero = 0;
        for (int i = nFit; i < n; i++) {
            double change = y[i] - last[i], guess = w[f - 1];
            for (int j = 0; j < f - 1; j++) {
                guess += w[j] * x[i * (f - 1) + j];
            }
            valModel += (guess - change) * (guess - change);
            valZero += change * change;
        }
        boolean useModel = !validate || valModel < valZero;
        double[] tx = testX.toDoubleArray(), tl = lastClose(testX).toDoubleArray(), out = new double[testX.size(0)];
        for (int i = 0; i < out.length; i++) {
            double guess = w[f - 1];
            for (int j = 0; j < f - 1; j++) {
                guess += w[j] * tx[i * (f - 1) + j];
            }
            out[i] = (addBack ? tl[i] : 0) + (useModel ? guess : 0);
        }
        return Tensor.tensor(out).view(out.length, 1);
    }

    @Test
    void directionAccuracyPassesAndCatchesTiesCountedAsUp() {
        assertEquals(ExerciseStatus.PASSED, Checks10.directionAccuracy((l, p, t) -> direction(l, p, t, false)).status());
        ExerciseResult ties = Checks10.directionAccuracy((l, p, t) -> direction(l, p, t, true));
        assertEquals(ExerciseStatus.FAILED, ties.status());
        assertTrue(ties.failures().get(0).hint().contains("같은 값"), ties.toString());
        ExerciseResult count = Checks10.directionAccuracy((l, p, t) -> direction(l, p, t, false) * l.size(0));
        assertEquals(ExerciseStatus.FAILED, count.status());
        assertTrue(count.failures().get(0).hint().contains("수를 돌려주었습니다"), count.toString());
    }

    @Test
    void changeForecastPassesWithARealForecastAndFailsTheBaselineItself() {
        ExerciseResult right = Checks10.forecastViaChange((train, testX) -> leastSquaresChange(train, testX, true, true));
        assertEquals(ExerciseStatus.PASSED, right.status(), right.toString());
        ExerciseResult naive = Checks10.forecastViaChange((train, testX) -> lastClose(testX));
        assertEquals(ExerciseStatus.FAILED, naive.status());
        assertTrue(naive.failures().get(0).hint().contains("Δ̂ = 0"), naive.toString());
        ExerciseResult bare = Checks10.forecastViaChange((train, testX) -> leastSquaresChange(train, testX, true, false));
        assertEquals(ExerciseStatus.FAILED, bare.status());
        assertTrue(bare.failures().get(0).hint().contains("다시 더했나요"), bare.toString());
        ExerciseResult wrongShape = Checks10.forecastViaChange((train, testX) -> lastClose(testX).slice(0, 0, 5));
        assertEquals(ExerciseStatus.FAILED, wrongShape.status());
    }

    @Test
    void todoIsUnsolvedAndAnExceptionIsAnError() {
        assertEquals(ExerciseStatus.UNSOLVED, Checks10.directionAccuracy((l, p, t) -> Exercise.todo()).status());
        assertEquals(ExerciseStatus.UNSOLVED, Checks10.forecastViaChange((train, testX) -> Exercise.todo()).status());
        assertEquals(ExerciseStatus.ERROR, Checks10.forecastViaChange((train, testX) -> testX.select(3, 0)).status());
    }

    @Test
    void everyExerciseHasTwoOrThreeHints() {
        assertEquals(List.of("10-1", "10-2"), Checks10.EXERCISES.stream().map(e -> e.id()).toList());
        Checks10.EXERCISES.forEach(e -> assertTrue(e.hints().size() >= 2 && e.hints().size() <= 3, e.id()));
    }
}
