package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

/**
 * Red team of notebook 04's checks: wrong answers not in exercises/04.jsh, written from the
 * exercise text alone, and correct answers written differently from the solution.
 */
class RedTeam04Test {

    /** log Σ_c e^{z_c} of one row, shifted by {@code shift}. */
    static double logSumExp(double[] row, double shift) {
        double sum = 0;
        for (double z : row) sum += Math.exp(z - shift);
        return shift + Math.log(sum);
    }

    static double max(double[] row) {
        return Arrays.stream(row).max().getAsDouble();
    }

    @Test
    void crossEntropyByHand() {
        RedTeam.of(Checks04::crossEntropyByHand)
                .wrong("mean over classes, not rows", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) t += logSumExp(z[n], max(z[n])) - z[n][y[n]];
                    return t / z[0].length;
                })
                .wrong("mean over all N*C entries", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) t += logSumExp(z[n], max(z[n])) - z[n][y[n]];
                    return t / (z.length * z[0].length);
                })
                .wrong("first row skipped (loop from 1)", (z, y) -> {
                    double t = 0;
                    for (int n = 1; n < z.length; n++) t += logSumExp(z[n], max(z[n])) - z[n][y[n]];
                    return t / z.length;
                })
                .wrong("max taken out of the sum but not out of the target score", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) {
                        double m = max(z[n]), s = 0;
                        for (double v : z[n]) s += Math.exp(v - m);
                        t += -(z[n][y[n]] - Math.log(s));
                    }
                    return t / z.length;
                })
                .wrong("first target used for every row", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) t += logSumExp(z[n], max(z[n])) - z[n][y[0]];
                    return t / z.length;
                })
                .wrong("log10 instead of natural log", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) {
                        double m = max(z[n]), s = 0;
                        for (double v : z[n]) s += Math.exp(v - m);
                        t += -Math.log10(Math.exp(z[n][y[n]] - m) / s);
                    }
                    return t / z.length;
                })
                .wrong("target left out of the denominator", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) {
                        double m = max(z[n]), s = 0;
                        for (int c = 0; c < z[n].length; c++) if (c != y[n]) s += Math.exp(z[n][c] - m);
                        t += -(z[n][y[n]] - m - Math.log(s));
                    }
                    return t / z.length;
                })
                .wrong("last row only", (z, y) -> {
                    int n = z.length - 1;
                    return logSumExp(z[n], max(z[n])) - z[n][y[n]];
                })
                .wrong("divides by N - 1", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) t += logSumExp(z[n], max(z[n])) - z[n][y[n]];
                    return t / Math.max(1, z.length - 1);
                })
                .wrong("a value printed on the page: ln 5", (z, y) -> Math.log(5))
                .right("shifted by the row minimum (fine for scores of moderate spread)", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) {
                        double m = Arrays.stream(z[n]).min().getAsDouble();
                        t += logSumExp(z[n], m) - z[n][y[n]];
                    }
                    return t / z.length;
                })
                .right("shifted by the target score: log Σ e^{z_c − z_y}", (z, y) -> {
                    double t = 0;
                    for (int n = 0; n < z.length; n++) t += logSumExp(z[n], z[n][y[n]]) - z[n][y[n]];
                    return t / z.length;
                })
                .right("running mean with log1p", (z, y) -> {
                    double mean = 0;
                    for (int n = 0; n < z.length; n++) {
                        int arg = 0;
                        for (int c = 1; c < z[n].length; c++) if (z[n][c] > z[n][arg]) arg = c;
                        double rest = 0;
                        for (int c = 0; c < z[n].length; c++) if (c != arg) rest += Math.exp(z[n][c] - z[n][arg]);
                        double loss = z[n][arg] + Math.log1p(rest) - z[n][y[n]];
                        mean += (loss - mean) / (n + 1);
                    }
                    return mean;
                })
                .right("shifted by the maximum over all rows", (z, y) -> {
                    double m = Arrays.stream(z).mapToDouble(RedTeam04Test::max).max().getAsDouble();
                    double t = 0;
                    for (int n = 0; n < z.length; n++) t += -Math.log(Math.exp(z[n][y[n]] - m) / Math.exp(logSumExp(z[n], m) - m));
                    return t / z.length;
                })
                .verify();
    }

    @Test
    void lossFloor() {
        RedTeam.of(Checks04::lossFloor)
                .wrong("the 1 + dropped: log((C−1)·e⁻²)", c -> Math.log((c - 1) * Math.exp(-2)))
                .wrong("log(1 + x) ≈ x", c -> (c - 1) * Math.exp(-2))
                .wrong("scores tanh(±1), not ±1", c -> Math.log(1 + (c - 1) * Math.exp(-2 * Math.tanh(1))))
                .wrong("exponent sign flipped", c -> Math.log(1 + (c - 1) / Math.exp(-2)))
                .wrong("integer division by (int) e²", c -> Math.log(1 + (c - 1) / (int) Math.exp(2)))
                .wrong("the page's floor for 5 characters", c -> Math.log(1 + 4 * Math.exp(-2)))
                .wrong("log2 instead of ln", c -> Math.log(1 + (c - 1) * Math.exp(-2)) / Math.log(2))
                .right("log1p", c -> Math.log1p((c - 1) * Math.exp(-2)))
                .right("ln(e + (C−1)/e) − 1", c -> Math.log(Math.E + (c - 1) / Math.E) - 1)
                .right("by bisection-free search over the wrong scores' common value", c -> {
                    double best = Double.MAX_VALUE;
                    for (int k = 0; k <= 2000; k++) {
                        double w = -1 + k / 1000.0;
                        best = Math.min(best, Math.log(Math.exp(1) + (c - 1) * Math.exp(w)) - 1);
                    }
                    return best;
                })
                .verify();
    }

    @Test
    void integerHalfIsNamed() {
        String r = Checks04.scaleFor((c, t) -> (1 / 2) * Math.log((c - 1) / (Math.exp(t) - 1))).toString();
        org.junit.jupiter.api.Assertions.assertTrue(r.contains("정수 나눗셈"), r);
    }

    @Test
    void scaleFor() {
        RedTeam.of(Checks04::scaleFor)
                .wrong("(1/2) is integer division: s = 0", (c, t) -> (1 / 2) * Math.log((c - 1) / (Math.exp(t) - 1)))
                .wrong("the − 1 dropped: e^target", (c, t) -> 0.5 * Math.log((c - 1) / Math.exp(t)))
                .wrong("product for quotient", (c, t) -> 0.5 * Math.log((c - 1) * (Math.exp(t) - 1)))
                .wrong("e^(target − 1) for e^target − 1", (c, t) -> 0.5 * Math.log((c - 1) / Math.exp(t - 1)))
                .wrong("floor assumed to shrink as 1/s", (c, t) -> Math.log(1 + (c - 1) * Math.exp(-2)) / t)
                .wrong("log10", (c, t) -> 0.5 * Math.log10((c - 1) / (Math.exp(t) - 1)))
                .wrong("classes ignored: C = 5 from the page", (c, t) -> 0.5 * Math.log(4 / (Math.exp(t) - 1)))
                .right("−½·log((e^t − 1)/(C − 1))", (c, t) -> -0.5 * Math.log((Math.exp(t) - 1) / (c - 1)))
                .right("½·(log(C − 1) − log(expm1(t)))", (c, t) -> 0.5 * (Math.log(c - 1) - Math.log(Math.expm1(t))))
                .right("Newton on the floor equation", (c, t) -> {
                    double s = 1;
                    for (int k = 0; k < 100; k++) {
                        double x = (c - 1) * Math.exp(-2 * s);
                        double f = Math.log1p(x) - t, df = -2 * x / (1 + x);
                        s -= f / df;
                    }
                    return s;
                })
                .verify();
    }
}
