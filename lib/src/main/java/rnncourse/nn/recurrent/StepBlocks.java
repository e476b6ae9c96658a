package rnncourse.nn.recurrent;

import java.util.Arrays;

/**
 * The per-thread blocks of one float32 time loop (taken once per range, reused every step), and
 * the gathering and scattering of a step's rows between the (rows, ·) matrices and the blocks.
 *
 * <p>Why the LSTM and tanh-RNN steps copy rows into blocks before computing: HotSpot 17 vectorizes a
 * loop only if all its array accesses can be aligned together, which in practice means the same
 * index expression in every array (a[j], b[j], c[j]). A loop that mixes a[off + j] with b[j], for
 * an offset known only at run time, runs scalar, several times slower (bench/RESULTS.md), and
 * short rows make it worse. So each step gathers its rows (one System.arraycopy per row, or one
 * for the whole step when its rows are contiguous, as in the time-major layout) into blocks that
 * start at index 0, computes on the blocks with plain counted loops, and scatters the results
 * back. The LSTM's three sigmoid gates share one tanh call with the cell candidate: sigmoid(x) =
 * ½ + ½·tanh(x/2).
 */
final class StepBlocks {
    /** (nb, G) the step's input-projection rows. */
    final float[] in;
    /** Forward: (nb, G) the bias row, repeated. Backward: zeros, then each row's gate-gradient sums. */
    float[] bias;
    /** LSTM forward: (nb, G) ½ for sigmoid columns (i, f, o), 1 for the cell candidate, repeated. */
    final float[] scale;
    /** LSTM: (nb, H) each, the activations (forward) or gradients (backward) of i, f, g, o. */
    final float[] i;
    final float[] f;
    final float[] g;
    final float[] o;
    /** (nb, H) tanh(c) (LSTM), or a row block read from elsewhere. */
    final float[] tmp;
    /** LSTM backward: (nb, H) the previous cell state. */
    final float[] prev;

    /** Forward blocks hold {@code biasRow} repeated (zeros when null); backward ones start at zero. */
    StepBlocks(CellKind kind, int nb, int hs, float[] biasRow, boolean forward) {
        int gw = kind.gates * hs;
        boolean lstm = kind == CellKind.LSTM;
        in = WorkArrays.take(nb * gw);
        bias = WorkArrays.take(nb * gw);
        for (int b = 0; b < nb; b++) {
            if (biasRow != null) {
                System.arraycopy(biasRow, 0, bias, b * gw, gw);
            } else {
                Arrays.fill(bias, b * gw, (b + 1) * gw, 0f);
            }
        }
        scale = lstm && forward ? WorkArrays.take(nb * gw) : null;
        if (scale != null) {
            for (int b = 0; b < nb; b++) {
                Arrays.fill(scale, b * gw, (b + 1) * gw, 0.5f);
                Arrays.fill(scale, b * gw + 2 * hs, b * gw + 3 * hs, 1f);
            }
        }
        i = lstm ? WorkArrays.take(nb * hs) : null;
        f = lstm ? WorkArrays.take(nb * hs) : null;
        g = lstm ? WorkArrays.take(nb * hs) : null;
        o = lstm ? WorkArrays.take(nb * hs) : null;
        tmp = WorkArrays.take(nb * hs);
        prev = lstm && !forward ? WorkArrays.take(nb * hs) : null;
    }

    /** Splits n rows of four gate blocks (n, 4H) into i, f, g, o. */
    void splitGates(float[] src, int n, int hs) {
        int gw = 4 * hs;
        for (int b = 0; b < n; b++) {
            System.arraycopy(src, b * gw, i, b * hs, hs);
            System.arraycopy(src, b * gw + hs, f, b * hs, hs);
            System.arraycopy(src, b * gw + 2 * hs, g, b * hs, hs);
            System.arraycopy(src, b * gw + 3 * hs, o, b * hs, hs);
        }
    }

    /** Joins n rows of i, f, g, o into gate rows (n, 4H). */
    void joinGates(float[] dst, int n, int hs) {
        int gw = 4 * hs;
        for (int b = 0; b < n; b++) {
            System.arraycopy(i, b * hs, dst, b * gw, hs);
            System.arraycopy(f, b * hs, dst, b * gw + hs, hs);
            System.arraycopy(g, b * hs, dst, b * gw + 2 * hs, hs);
            System.arraycopy(o, b * hs, dst, b * gw + 3 * hs, hs);
        }
    }

    /** Leaves {@link #bias} out of {@link #release()}: the caller keeps it (and gives it back). */
    void keepBias() {
        bias = null;
    }

    void release() {
        WorkArrays.give(in);
        WorkArrays.give(bias);
        WorkArrays.give(scale);
        WorkArrays.give(i);
        WorkArrays.give(f);
        WorkArrays.give(g);
        WorkArrays.give(o);
        WorkArrays.give(tmp);
        WorkArrays.give(prev);
    }

    /**
     * Copies {@code width} values from each of step t's rows for sequences b0 ≤ b &lt; b0 + n
     * (row r's values at {@code src[r·cols + col]}) into consecutive rows of {@code dst}.
     */
    static void gather(float[] src, int cols, int col, SequenceLayout lay, int t, int b0, int n, int width,
                       float[] dst) {
        if (lay.stride == 1 && cols == width) {
            System.arraycopy(src, lay.row(t, b0) * cols, dst, 0, n * width);
            return;
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(src, lay.row(t, b0 + b) * cols + col, dst, b * width, width);
        }
    }

    /** The inverse of {@link #gather}: consecutive rows of {@code src} go to step t's rows of {@code dst}. */
    static void scatter(float[] src, int width, float[] dst, int cols, int col, SequenceLayout lay, int t,
                        int b0, int n) {
        if (lay.stride == 1 && cols == width) {
            System.arraycopy(src, 0, dst, lay.row(t, b0) * cols, n * width);
            return;
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(src, b * width, dst, lay.row(t, b0 + b) * cols + col, width);
        }
    }
}
