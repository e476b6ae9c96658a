package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Checks07Test {

    private static void assertStatus(ExerciseStatus expected, ExerciseResult r) {
        assertEquals(expected, r.status(), r.toString());
    }

    static double central(DoubleSupplier loss, Tensor param, int row, int col, double h) {
        double old = param.get(row, col);
        param.set(old + h, row, col);
        double plus = loss.getAsDouble();
        param.set(old - h, row, col);
        double minus = loss.getAsDouble();
        param.set(old, row, col);
        return (plus - minus) / (2 * h);
    }

    @Test
    void numericalGradientRightAndWrong() {
        assertStatus(ExerciseStatus.PASSED, Checks07.numericalGradient(Checks07Test::central));
        ExerciseResult oneSided = Checks07.numericalGradient((loss, p, r, c, h) -> {
            double old = p.get(r, c), base = loss.getAsDouble();
            p.set(old + h, r, c);
            double plus = loss.getAsDouble();
            p.set(old, r, c);
            return (plus - base) / h;
        });
        assertStatus(ExerciseStatus.FAILED, oneSided);
        assertTrue(oneSided.toString().contains("한쪽 차분"), oneSided.toString());
        ExerciseResult notRestored = Checks07.numericalGradient((loss, p, r, c, h) -> {
            double old = p.get(r, c);
            p.set(old + h, r, c);
            double plus = loss.getAsDouble();
            p.set(old - h, r, c);
            return (plus - loss.getAsDouble()) / (2 * h);
        });
        assertStatus(ExerciseStatus.FAILED, notRestored);
        assertTrue(notRestored.toString().contains("되돌리"), notRestored.toString());
        assertStatus(ExerciseStatus.FAILED, Checks07.numericalGradient((loss, p, r, c, h) -> central(loss, p, r, c, h) * 2));
        assertStatus(ExerciseStatus.FAILED, Checks07.numericalGradient((loss, p, r, c, h) -> -central(loss, p, r, c, h)));
        assertStatus(ExerciseStatus.FAILED, Checks07.numericalGradient((loss, p, r, c, h) -> central(loss, p, c, r, h)));
        assertStatus(ExerciseStatus.UNSOLVED, Checks07.numericalGradient((loss, p, r, c, h) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks07.numericalGradient((loss, p, r, c, h) -> p.get(r, c, 0)));
    }

    @Test
    void handWrittenBpttAgreesWithAutograd() {
        for (Checks07.Case c : Checks07.cases()) {
            double[][] mine = Checks07.bptt(c, Checks07.Bug.NONE);
            int[][] shapes = {{9, 7}, {9, 9}, {7, 9}, {9, 1}, {7, 1}};
            List<Tensor> params = new ArrayList<>();
            for (int k = 0; k < 5; k++) params.add(Tensor.fromArray(c.weights()[k], shapes[k]).requiresGrad_(true));
            Tensor h = Tensor.fromArray(c.h0(), 9, 1);
            Tensor loss = Tensor.zeros(DType.FLOAT64, 1);
            for (int t = 0; t < c.inputs().length; t++) {
                Tensor x = Tensor.zeros(DType.FLOAT64, 7, 1).set(1, c.inputs()[t], 0);
                h = params.get(0).mm(x).add(params.get(1).mm(h)).add(params.get(3)).tanh();
                Tensor p = params.get(2).mm(h).add(params.get(4)).softmax(0);
                loss = loss.sub(p.select(0, c.targets()[t]).log());
            }
            assertEquals(loss.item(), Checks07.loss(c.weights(), c.h0(), c.inputs(), c.targets()), 1e-10);
            loss.backward();
            for (int k = 0; k < 5; k++) {
                double[] auto = params.get(k).grad().toDoubleArray();
                for (int i = 0; i < auto.length; i++) {
                    assertEquals(auto[i], mine[k][i], 1e-9 * Math.max(1, Math.abs(auto[i])), "param " + k + " element " + i);
                }
            }
        }
    }

    /** Relative error at the three largest |hand| elements; returns the name with the largest one. */
    static String solution(DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> grads) {
        String worstName = null;
        double worst = -1;
        for (int k = 0; k < params.size(); k++) {
            Tensor g = grads.get(k);
            int cols = g.size(1);
            double[] a = g.abs().toDoubleArray();
            int[] largest = IntStream.range(0, a.length).boxed()
                    .sorted((i, j) -> Double.compare(a[j], a[i])).limit(3).mapToInt(Integer::intValue).toArray();
            for (int flat : largest) {
                int r = flat / cols, c = flat % cols;
                double num = central(loss, params.get(k), r, c, 1e-5), hand = g.get(r, c);
                double rel = Math.abs(num - hand) / Math.max(1e-300, Math.max(Math.abs(num), Math.abs(hand)));
                if (rel > worst) {
                    worst = rel;
                    worstName = names.get(k);
                }
            }
        }
        return worstName;
    }

    interface Score {
        double of(double numeric, double hand);
    }

    /** The solution's loop with a different score or element choice, for the wrong answers. */
    static String variant(DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> grads,
                          boolean firstElementsOnly, Score score) {
        String worstName = null;
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < params.size(); k++) {
            Tensor g = grads.get(k);
            int cols = g.size(1);
            double[] a = g.abs().toDoubleArray();
            int[] chosen = firstElementsOnly ? new int[]{0}
                    : IntStream.range(0, a.length).boxed().sorted((i, j) -> Double.compare(a[j], a[i]))
                    .limit(3).mapToInt(Integer::intValue).toArray();
            for (int flat : chosen) {
                int r = flat / cols, c = flat % cols;
                double s = score.of(central(loss, params.get(k), r, c, 1e-5), g.get(r, c));
                if (s > worst) {
                    worst = s;
                    worstName = names.get(k);
                }
            }
        }
        return worstName;
    }

    @Test
    void brokenParameterRightAndWrong() {
        assertStatus(ExerciseStatus.PASSED, Checks07.brokenParameter(Checks07Test::solution));
        ExerciseResult absolute = Checks07.brokenParameter((l, p, n, g) -> variant(l, p, n, g, false, (a, b) -> Math.abs(a - b)));
        assertStatus(ExerciseStatus.FAILED, absolute);
        assertTrue(absolute.toString().contains("상대 오차"), absolute.toString());
        assertStatus(ExerciseStatus.FAILED, Checks07.brokenParameter((l, p, n, g) -> variant(l, p, n, g, true,
                (a, b) -> Math.abs(a - b) / Math.max(1e-300, Math.max(Math.abs(a), Math.abs(b))))));
        assertStatus(ExerciseStatus.FAILED, Checks07.brokenParameter((l, p, n, g) -> {   // the largest hand gradient
            int best = 0;
            for (int k = 1; k < p.size(); k++) if (g.get(k).abs().max().item() > g.get(best).abs().max().item()) best = k;
            return n.get(best);
        }));
        assertStatus(ExerciseStatus.FAILED, Checks07.brokenParameter((l, p, n, g) -> "Whh"));
        assertStatus(ExerciseStatus.FAILED, Checks07.brokenParameter((l, p, n, g) -> {   // parameter left at θ − h
            String name = solution(l, p, n, g);
            p.get(0).set(p.get(0).get(0, 0) + 1e-5, 0, 0);
            return name;
        }));
        assertStatus(ExerciseStatus.UNSOLVED, Checks07.brokenParameter((l, p, n, g) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks07.brokenParameter((l, p, n, g) -> n.get(7)));
    }
}
