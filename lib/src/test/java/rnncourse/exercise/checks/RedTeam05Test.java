package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.tensor.Tensor;

/**
 * Red team of notebook 05's checks: wrong answers not in exercises/05.jsh, written from the
 * exercise text alone, and correct answers written differently from the solution.
 */
class RedTeam05Test {

    @Test
    void windowCount() {
        RedTeam.of(Checks05::windowCount)
                .wrong("the page's text length 180 hard-coded", (n, w) -> 180 - w)
                .wrong("the page's window 10 hard-coded", (n, w) -> n - 10)
                .wrong("non-overlapping shifted windows", (n, w) -> (n - 1) / w)
                .wrong("counts characters of all windows", (n, w) -> (n - w) * w)
                .wrong("window length counted twice (input and target)", (n, w) -> n - 2 * w + 1)
                .right("(n − 1) − (w − 1)", (n, w) -> (n - 1) - (w - 1))
                .right("max(0, n − w − 1) + 1", (n, w) -> Math.max(0, n - w - 1) + 1)
                .right("count of ends of target windows", (n, w) -> {
                    int count = 0;
                    for (int end = w + 1; end <= n; end++) count++;
                    return count;
                })
                .verify();
    }

    /** Per position j: the share of windows i with p[i][j] == t[i][j]; {@code skip} rows left out. */
    static double[] accuracy(Tensor p, Tensor t, int firstRow, int lastRow, double divisor) {
        int length = p.size(1);
        double[] a = new double[length];
        for (int i = firstRow; i < lastRow; i++)
            for (int j = 0; j < length; j++)
                if (p.get(i, j) == t.get(i, j)) a[j] += 1 / divisor;
        return a;
    }

    @Test
    void accuracyByPosition() {
        RedTeam.of(Checks05::accuracyByPosition)
                .wrong("divides by windows − 1", (p, t) -> accuracy(p, t, 0, p.size(0), p.size(0) - 1))
                .wrong("last window left out of the loop", (p, t) -> accuracy(p, t, 0, p.size(0) - 1, p.size(0)))
                .wrong("first window left out of the loop", (p, t) -> accuracy(p, t, 1, p.size(0), p.size(0)))
                .wrong("last window only", (p, t) -> accuracy(p, t, p.size(0) - 1, p.size(0), 1))
                .wrong("overall accuracy at every position", (p, t) -> {
                    double[] a = accuracy(p, t, 0, p.size(0), p.size(0));
                    double mean = 0;
                    for (double v : a) mean += v / a.length;
                    java.util.Arrays.fill(a, mean);
                    return a;
                })
                .wrong("positions reversed", (p, t) -> {
                    double[] a = accuracy(p, t, 0, p.size(0), p.size(0)), r = new double[a.length];
                    for (int j = 0; j < a.length; j++) r[j] = a[a.length - 1 - j];
                    return r;
                })
                .wrong("cumulative accuracy up to position j", (p, t) -> {
                    int windows = p.size(0), length = p.size(1);
                    double[] a = new double[length];
                    int right = 0;
                    for (int j = 0; j < length; j++) {
                        for (int i = 0; i < windows; i++) if (p.get(i, j) == t.get(i, j)) right++;
                        a[j] = right / (double) (windows * (j + 1));
                    }
                    return a;
                })
                .wrong("target one position ahead (targets read as the shifted input)", (p, t) -> {
                    int windows = p.size(0), length = p.size(1);
                    double[] a = new double[length];
                    for (int i = 0; i < windows; i++)
                        for (int j = 0; j + 1 < length; j++)
                            if (p.get(i, j) == t.get(i, j + 1)) a[j] += 1.0 / windows;
                    return a;
                })
                .wrong("error rate instead of accuracy", (p, t) -> {
                    double[] a = accuracy(p, t, 0, p.size(0), p.size(0));
                    for (int j = 0; j < a.length; j++) a[j] = 1 - a[j];
                    return a;
                })
                .wrong("rows and columns swapped in get", (p, t) -> {
                    int windows = p.size(0), length = p.size(1);
                    double[] a = new double[length];
                    for (int j = 0; j < length; j++)
                        for (int i = 0; i < windows; i++)
                            if (p.get(Math.min(j, windows - 1), Math.min(i, length - 1))
                                    == t.get(Math.min(j, windows - 1), Math.min(i, length - 1))) a[j] += 1.0 / windows;
                    return a;
                })
                .right("float32 tensor accumulator (Tensor.zeros)", (p, t) -> {
                    int windows = p.size(0), length = p.size(1);
                    Tensor a = Tensor.zeros(length);
                    for (int i = 0; i < windows; i++)
                        for (int j = 0; j < length; j++)
                            if (p.get(i, j) == t.get(i, j)) a.set(a.get(j) + 1, j);
                    return a.div(Tensor.full(windows, length)).toDoubleArray();
                })
                .right("tensor arithmetic: 1 − mean(min(|p − t|, 1))", (p, t) -> {
                    double[] wrong = p.sub(t).abs().clamp(0, 1).mean(0).toDoubleArray();
                    for (int j = 0; j < wrong.length; j++) wrong[j] = 1 - wrong[j];
                    return wrong;
                })
                .right("float counts divided in float", (p, t) -> {
                    int windows = p.size(0), length = p.size(1);
                    double[] a = new double[length];
                    for (int j = 0; j < length; j++) {
                        float right = 0;
                        for (int i = 0; i < windows; i++) if (p.get(i, j) == t.get(i, j)) right++;
                        a[j] = right / windows;
                    }
                    return a;
                })
                .verify();
    }
}
