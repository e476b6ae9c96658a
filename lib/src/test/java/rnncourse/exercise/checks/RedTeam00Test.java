package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;

/**
 * Red team of notebooks 00 and 01's checks: wrong answers not in exercises/00.jsh and 01.jsh,
 * written from the exercise text alone, and correct answers written differently.
 */
class RedTeam00Test {

    static int[] broadcast(int[] a, int[] b, boolean fromLeft, boolean maxRule) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int ia = fromLeft ? i : a.length - n + i, ib = fromLeft ? i : b.length - n + i;
            int da = ia >= 0 && ia < a.length ? a[ia] : 1, db = ib >= 0 && ib < b.length ? b[ib] : 1;
            out[i] = maxRule ? Math.max(da, db) : da == 1 ? db : da;
        }
        return out;
    }

    @Test
    void broadcastShape() {
        RedTeam.of(Checks00::broadcastShape)
                .wrong("axes aligned from the left", (a, b) -> broadcast(a, b, true, false))
                .wrong("the longer shape returned", (a, b) -> a.length >= b.length ? a.clone() : b.clone())
                .wrong("elementwise product of aligned sizes", (a, b) -> {
                    int[] out = broadcast(a, b, false, false);
                    int n = out.length;
                    for (int i = 0; i < n; i++) {
                        int ia = a.length - n + i, ib = b.length - n + i;
                        out[i] = (ia >= 0 ? a[ia] : 1) * (ib >= 0 ? b[ib] : 1);
                    }
                    return out;
                })
                .wrong("min instead of max", (a, b) -> {
                    int n = Math.max(a.length, b.length);
                    int[] out = new int[n];
                    for (int i = 0; i < n; i++) {
                        int ia = a.length - n + i, ib = b.length - n + i;
                        out[i] = Math.min(ia >= 0 ? a[ia] : 1, ib >= 0 ? b[ib] : 1);
                    }
                    return out;
                })
                .right("max of the aligned sizes (valid for broadcastable shapes)", (a, b) -> broadcast(a, b, false, true))
                .verify();
    }

    @Test
    void sigmoidSlope() {
        RedTeam.of(Checks00::sigmoidSlope)
                .wrong("σ²", x -> Math.pow(1 / (1 + Math.exp(-x)), 2))
                .wrong("σ(1 + σ)", x -> { double s = 1 / (1 + Math.exp(-x)); return s * (1 + s); })
                .wrong("1 − σ²", x -> { double s = 1 / (1 + Math.exp(-x)); return 1 - s * s; })
                .wrong("tanh's derivative", x -> 1 - Math.pow(Math.tanh(x), 2))
                .wrong("1 − σ only", x -> 1 - 1 / (1 + Math.exp(-x)))
                .wrong("slope at 0 hard-coded", x -> 0.25)
                .wrong("σ(x)·(1 − σ(x)) with σ(x) = 1/(1 + e^x) sign slip... times e^-x", x -> Math.exp(-x) / (1 + Math.exp(-x)))
                .right("σ(x)(1 − σ(x))", x -> { double s = 1 / (1 + Math.exp(-x)); return s * (1 - s); })
                .right("1 / (2 + e^x + e^−x)", x -> 1 / (2 + Math.exp(x) + Math.exp(-x)))
                .right("σ(x)·σ(−x)", x -> 1 / (1 + Math.exp(-x)) / (1 + Math.exp(x)))
                .right("e^−|x| / (1 + e^−|x|)² (even function)", x -> { double e = Math.exp(-Math.abs(x)); return e / ((1 + e) * (1 + e)); })
                .verify();
    }

    @Test
    void stepByHand() {
        RedTeam.of(Checks01::stepByHand)
                .wrong("W_h transposed (columns times h)", (x, h) -> new double[]{
                        Math.tanh(1.0 * x + 0.5 * h[0] + 0.3 * h[1]), Math.tanh(-0.5 * x - 0.4 * h[0] + 0.8 * h[1])})
                .wrong("tanh forgotten", (x, h) -> new double[]{
                        1.0 * x + 0.5 * h[0] - 0.4 * h[1], -0.5 * x + 0.3 * h[0] + 0.8 * h[1]})
                .wrong("W_x sign dropped", (x, h) -> new double[]{
                        Math.tanh(1.0 * x + 0.5 * h[0] - 0.4 * h[1]), Math.tanh(0.5 * x + 0.3 * h[0] + 0.8 * h[1])})
                .wrong("h ignored", (x, h) -> new double[]{Math.tanh(1.0 * x), Math.tanh(-0.5 * x)})
                .wrong("x ignored", (x, h) -> new double[]{Math.tanh(0.5 * h[0] - 0.4 * h[1]), Math.tanh(0.3 * h[0] + 0.8 * h[1])})
                .right("loops over the weight matrix", (x, h) -> {
                    double[] wx = {1.0, -0.5};
                    double[][] wh = {{0.5, -0.4}, {0.3, 0.8}};
                    double[] out = new double[2];
                    for (int i = 0; i < 2; i++) {
                        double a = wx[i] * x;
                        for (int j = 0; j < 2; j++) a += wh[i][j] * h[j];
                        out[i] = Math.tanh(a);
                    }
                    return out;
                })
                .verify();
    }

    @Test
    void parameterCount() {
        RedTeam.of(Checks01::parameterCount)
                .wrong("one bias", (d, h, t) -> h * d + h * h + h)
                .wrong("times the sequence length", (d, h, t) -> t * (h * d + h * h + 2 * h))
                .wrong("W_hh counted as H·D", (d, h, t) -> 2 * h * d + 2 * h)
                .wrong("no biases", (d, h, t) -> h * d + h * h)
                .wrong("output layer H·D added", (d, h, t) -> h * d + h * h + 2 * h + h * d)
                .right("H·(D + H + 2)", (d, h, t) -> h * (d + h + 2))
                .verify();
    }
}
