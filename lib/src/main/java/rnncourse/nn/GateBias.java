package rnncourse.nn;

import java.util.function.IntToDoubleFunction;

/**
 * The bias the kernels add to each row's input projection: b_ih + b_hh, except GRU's b_hn, which
 * stays inside n = tanh(W_in·x + b_in + r·(W_hn·h + b_hn)) because the reset gate scales it.
 *
 * <p>The sum is computed once, in double; for float32 it is then rounded to float, which gives the
 * same bits as adding in float (double has more than 2·24 + 2 significand bits, so rounding a
 * double sum of two floats to float is the same as rounding the exact sum).
 */
final class GateBias {
    private GateBias() {
    }

    /** (G) folded biases, zeros when {@code bih} is null (a layer without bias). */
    static float[] folded(CellKind kind, int hidden, float[] bih, float[] bhh) {
        double[] sum = bih == null ? null : fold(kind, hidden, j -> bih[j], j -> bhh[j]);
        float[] out = new float[kind.gates * hidden];
        for (int j = 0; sum != null && j < out.length; j++) {
            out[j] = (float) sum[j];
        }
        return out;
    }

    /** (G) folded biases, or null when {@code bih} is null (a layer without bias). */
    static double[] folded(CellKind kind, int hidden, double[] bih, double[] bhh) {
        return bih == null ? null : fold(kind, hidden, j -> bih[j], j -> bhh[j]);
    }

    private static double[] fold(CellKind kind, int hidden, IntToDoubleFunction bih, IntToDoubleFunction bhh) {
        int g = kind.gates * hidden;
        int fold = kind == CellKind.GRU ? 2 * hidden : g;
        double[] sum = new double[g];
        for (int j = 0; j < g; j++) {
            sum[j] = bih.applyAsDouble(j) + (j < fold ? bhh.applyAsDouble(j) : 0);
        }
        return sum;
    }

    /**
     * GRU's b_hn, the part of b_hh that stays out of the folded bias: copied into {@code into}
     * (an H-array of zeros, of the kernel's element type), which stays zeros without bias.
     *
     * @return {@code into}
     */
    static <A> A gruHiddenNBias(int hidden, A bhh, A into) {
        if (bhh != null) {
            System.arraycopy(bhh, 2 * hidden, into, 0, hidden);
        }
        return into;
    }
}
