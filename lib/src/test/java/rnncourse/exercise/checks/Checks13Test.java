package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.tensor.Tensor;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Checks13Test {

    private static void assertStatus(ExerciseStatus expected, ExerciseResult r) {
        assertEquals(expected, r.status(), r.toString());
    }

    @Test
    void classifierParameters() {
        assertStatus(ExerciseStatus.PASSED, Checks13.classifierParameters((in, h, layers, classes) -> {
            long total = 0;
            for (int l = 0; l < layers; l++) total += 4L * h * (l == 0 ? in : h) + 4L * h * h + 8L * h;
            return total + (long) h * classes + classes;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks13.classifierParameters((in, h, layers, classes) -> {   // one bias
            long total = 0;
            for (int l = 0; l < layers; l++) total += 4L * h * (l == 0 ? in : h) + 4L * h * h + 4L * h;
            return total + (long) h * classes + classes;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks13.classifierParameters((in, h, layers, classes) ->    // input everywhere
                layers * (4L * h * in + 4L * h * h + 8L * h) + (long) h * classes + classes));
        assertStatus(ExerciseStatus.FAILED, Checks13.classifierParameters((in, h, layers, classes) ->    // no Linear bias
                4L * h * in + 4L * h * h + 8L * h + (layers - 1) * (8L * h * h + 8L * h) + (long) h * classes));
        assertStatus(ExerciseStatus.FAILED, Checks13.classifierParameters((in, h, layers, classes) -> 214_282L));
        assertStatus(ExerciseStatus.UNSOLVED, Checks13.classifierParameters((in, h, layers, classes) -> Exercise.todo()));
    }

    static double masked(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int from, int to, boolean rows, boolean inclusive) {
        int n = images.size(rows ? 1 : 2);
        double[] keep = new double[n];
        for (int r = 0; r < n; r++) keep[r] = (r >= from && (inclusive ? r <= to : r < to)) ? 0 : 1;
        Tensor mask = rows ? Tensor.tensor(keep).view(n, 1) : Tensor.tensor(keep).view(1, n);
        return accuracy(model.apply(images.mul(mask)), labels);
    }

    static double accuracy(Tensor logits, Tensor labels) {
        int[] p = logits.argmax(1).toIntArray(), y = labels.toIntArray();
        int correct = 0;
        for (int i = 0; i < y.length; i++) if (p[i] == y[i]) correct++;
        return (double) correct / y.length;
    }

    @Test
    void accuracyWithRowsMasked() {
        assertStatus(ExerciseStatus.PASSED, Checks13.accuracyWithRowsMasked((m, x, y, a, b) -> masked(m, x, y, a, b, true, false)));
        assertStatus(ExerciseStatus.PASSED, Checks13.accuracyWithRowsMasked((m, x, y, a, b) -> {   // a copy, rows set to 0
            Tensor c = x.copy();
            for (int i = 0; i < c.size(0); i++) for (int r = a; r < b; r++) for (int k = 0; k < c.size(2); k++) c.set(0, i, r, k);
            return accuracy(m.apply(c), y);
        }));
        assertStatus(ExerciseStatus.FAILED, Checks13.accuracyWithRowsMasked((m, x, y, a, b) -> masked(m, x, y, a, b, false, false)));
        assertStatus(ExerciseStatus.FAILED, Checks13.accuracyWithRowsMasked((m, x, y, a, b) -> masked(m, x, y, a, b, true, true)));
        assertStatus(ExerciseStatus.FAILED, Checks13.accuracyWithRowsMasked((m, x, y, a, b) -> {   // in place
            for (int i = 0; i < x.size(0); i++) for (int r = a; r < b; r++) for (int k = 0; k < x.size(2); k++) x.set(0, i, r, k);
            return accuracy(m.apply(x), y);
        }));
        assertStatus(ExerciseStatus.FAILED, Checks13.accuracyWithRowsMasked((m, x, y, a, b) -> {   // keeps only the band
            double[] keep = new double[x.size(1)];
            for (int r = a; r < b; r++) keep[r] = 1;
            return accuracy(m.apply(x.mul(Tensor.tensor(keep).view(x.size(1), 1))), y);
        }));
        assertStatus(ExerciseStatus.UNSOLVED, Checks13.accuracyWithRowsMasked((m, x, y, a, b) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks13.accuracyWithRowsMasked((m, x, y, a, b) -> accuracy(m.apply(x.view(-1, 28, 28)), y)));
    }

    interface Band {
        int find(Function<Tensor, Tensor> m, Tensor x, Tensor y, int width) throws Exception;
    }

    static int band(Function<Tensor, Tensor> m, Tensor x, Tensor y, int width, int rowsBound, boolean lowest, boolean orEqual, boolean end) {
        int best = 0;
        double bestAcc = lowest ? Double.MAX_VALUE : -1;
        for (int s = 0; s + width <= rowsBound; s++) {
            double acc = masked(m, x, y, s, s + width, true, false);
            boolean better = lowest ? (orEqual ? acc <= bestAcc : acc < bestAcc) : (orEqual ? acc >= bestAcc : acc > bestAcc);
            if (better) {
                bestAcc = acc;
                best = end ? s + width - 1 : s;
            }
        }
        return best;
    }

    @Test
    void mostImportantBand() {
        assertStatus(ExerciseStatus.PASSED, Checks13.mostImportantBand((m, x, y, w) -> band(m, x, y, w, x.size(1), true, false, false)));
        assertStatus(ExerciseStatus.FAILED, Checks13.mostImportantBand((m, x, y, w) -> band(m, x, y, w, x.size(1), false, false, false)));
        assertStatus(ExerciseStatus.FAILED, Checks13.mostImportantBand((m, x, y, w) -> band(m, x, y, w, x.size(1), false, true, false)));
        assertStatus(ExerciseStatus.FAILED, Checks13.mostImportantBand((m, x, y, w) -> band(m, x, y, w, x.size(1), true, true, false)));
        assertStatus(ExerciseStatus.FAILED, Checks13.mostImportantBand((m, x, y, w) -> band(m, x, y, w, x.size(1), true, false, true)));
        assertStatus(ExerciseStatus.FAILED, Checks13.mostImportantBand((m, x, y, w) -> band(m, x, y, w, Math.min(28, x.size(1)), true, false, false)));
        assertStatus(ExerciseStatus.FAILED, Checks13.mostImportantBand((m, x, y, w) -> band(m, x, y, w, x.size(1) - 1, true, false, false)));
        assertStatus(ExerciseStatus.UNSOLVED, Checks13.mostImportantBand((m, x, y, w) -> Exercise.todo()));
    }
}
