package rnncourse.nn;

import rnncourse.tensor.Gemm;

/**
 * The float64 forward and backward pass of one direction of one recurrent layer over all its time
 * steps, on raw row-major arrays.
 *
 * <p>Why it is shaped like this: the input projection of every step is one GEMM
 * ({@code X·W_ihᵀ}, all rows at once, with both biases folded in); each step then costs one GEMM
 * {@code h_{t-1}·W_hhᵀ} giving all gate columns, and one loop that applies the activations and
 * writes the new state. Nothing is allocated per step. The backward pass walks the steps in
 * reverse, keeps only the per-step GEMM {@code dGates_t·W_hh} inside the loop, and leaves the
 * weight gradients to three GEMMs over all rows at the end.
 *
 * <p>Rows are addressed through a {@link SequenceLayout}, so time-major, batch-first and packed
 * inputs share this code. Generated from {@code RecurrentKernelF32} by replacing {@code float} with
 * {@code double} (and the activations and GEMM by their double versions); change both together.
 */
final class RecurrentKernelF64 {
    private RecurrentKernelF64() {
    }

    /** What the forward pass keeps for the backward pass. */
    static final class Saved {
        /** (rows, G) gate activations; the backward pass overwrites them with pre-activation gradients. */
        final double[] gates;
        /** (rows, H) the hidden state each row's step started from. */
        final double[] hPrev;
        /** LSTM: (rows, H) the cell state each step started from. */
        final double[] cPrev;
        /** LSTM: (rows, H) tanh of the new cell state. */
        final double[] tanhC;
        /** GRU: (rows, H) W_hn·h + b_hn, the term the reset gate scales. */
        final double[] hiddenN;
        boolean consumed;

        Saved(double[] gates, double[] hPrev, double[] cPrev, double[] tanhC, double[] hiddenN) {
            this.gates = gates;
            this.hPrev = hPrev;
            this.cPrev = cPrev;
            this.tanhC = tanhC;
            this.hiddenN = hiddenN;
        }

        /** Hands the arrays back for reuse once nothing will read them again. */
        void release() {
            consumed = true;
            give(gates);
            give(hPrev);
            give(cPrev);
            give(tanhC);
            give(hiddenN);
        }
    }

    /*
     * Work arrays are reused between calls: a training step of a large model needs tens of MB of
     * them, and fresh arrays that size cost more (page faults, zeroing) than the arithmetic. Every
     * element of a reused array is written before it is read, so they are not cleared.
     */
    private static final java.util.Map<Integer, java.util.ArrayDeque<double[]>> POOL = new java.util.HashMap<>();
    private static final long POOL_LIMIT = 48L << 20;
    private static long pooled;

    private static synchronized double[] take(int n) {
        java.util.ArrayDeque<double[]> q = POOL.get(n);
        if (q != null && !q.isEmpty()) {
            pooled -= n;
            return q.pop();
        }
        return new double[n];
    }

    private static synchronized void give(double[] a) {
        if (a == null || pooled + a.length > POOL_LIMIT / 4) {
            return;
        }
        pooled += a.length;
        POOL.computeIfAbsent(a.length, k -> new java.util.ArrayDeque<>()).push(a);
    }

    /**
     * Runs the recurrence. Writes the hidden state of row r into {@code out[r·outCols + outCol ..]},
     * the final hidden (and cell) state of each sequence into {@code hN} ({@code cN}) at the given
     * offsets. {@code bih}/{@code bhh} are null without bias, {@code h0}/{@code c0} null for zeros.
     */
    static Saved forward(CellKind kind, SequenceLayout lay, boolean reverse, int inSize, int hidden,
                         double[] x, double[] wih, double[] whh, double[] bih, double[] bhh,
                         double[] h0, int h0Off, double[] c0, int c0Off,
                         double[] out, int outCols, int outCol, double[] hN, int hNOff, double[] cN, int cNOff) {
        final int rows = lay.rows;
        final int batch = lay.batch;
        final int hs = hidden;
        final int g = kind.gates * hs;
        double[] gates = take(rows * g);
        if (bih != null) {
            // GRU's b_hn must stay inside r·(W_hn·h + b_hn), so only its r and z parts fold in
            int fold = kind == CellKind.GRU ? 2 * hs : g;
            double[] bias = new double[g];
            for (int j = 0; j < g; j++) {
                bias[j] = bih[j] + (j < fold ? bhh[j] : 0);
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, gates, r * g, g);
            }
        }
        gemm(false, true, rows, g, inSize, x, 0, wih, 0, bih != null ? 1 : 0, gates, 0);

        double[] hCur = new double[batch * hs];
        if (h0 != null) {
            System.arraycopy(h0, h0Off, hCur, 0, batch * hs);
        }
        double[] hPrev = take(rows * hs);
        double[] cCur = null;
        double[] cPrev = null;
        double[] tanhC = null;
        if (kind == CellKind.LSTM) {
            cCur = new double[batch * hs];
            if (c0 != null) {
                System.arraycopy(c0, c0Off, cCur, 0, batch * hs);
            }
            cPrev = take(rows * hs);
            tanhC = take(rows * hs);
        }
        double[] hiddenN = kind == CellKind.GRU ? take(rows * hs) : null;
        double[] step = take(batch * g);

        Thread caller = Thread.currentThread();
        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(caller);
            int t = reverse ? lay.steps - 1 - s : s;
            int n = lay.batchSizes[t];
            gemm(false, true, n, g, hs, hCur, 0, whh, 0, 0, step, 0);
            for (int b = 0; b < n; b++) {
                int row = lay.base[t] + b * lay.stride;
                int gi = row * g;
                int si = b * g;
                int hi = b * hs;
                int ri = row * hs;
                int oi = row * outCols + outCol;
                System.arraycopy(hCur, hi, hPrev, ri, hs);
                switch (kind) {
                    case RNN_TANH -> {
                        for (int j = 0; j < hs; j++) {
                            double v = tanh(gates[gi + j] + step[si + j]);
                            gates[gi + j] = v;
                            hCur[hi + j] = v;
                            out[oi + j] = v;
                        }
                    }
                    case RNN_RELU -> {
                        for (int j = 0; j < hs; j++) {
                            double v = gates[gi + j] + step[si + j];
                            v = v > 0 ? v : 0;
                            gates[gi + j] = v;
                            hCur[hi + j] = v;
                            out[oi + j] = v;
                        }
                    }
                    case LSTM -> {
                        System.arraycopy(cCur, hi, cPrev, ri, hs);
                        for (int j = 0; j < hs; j++) {
                            double ig = sigmoid(gates[gi + j] + step[si + j]);
                            double fg = sigmoid(gates[gi + hs + j] + step[si + hs + j]);
                            double gg = tanh(gates[gi + 2 * hs + j] + step[si + 2 * hs + j]);
                            double og = sigmoid(gates[gi + 3 * hs + j] + step[si + 3 * hs + j]);
                            double c = fg * cCur[hi + j] + ig * gg;
                            double tc = tanh(c);
                            double h = og * tc;
                            gates[gi + j] = ig;
                            gates[gi + hs + j] = fg;
                            gates[gi + 2 * hs + j] = gg;
                            gates[gi + 3 * hs + j] = og;
                            cCur[hi + j] = c;
                            tanhC[ri + j] = tc;
                            hCur[hi + j] = h;
                            out[oi + j] = h;
                        }
                    }
                    case GRU -> {
                        for (int j = 0; j < hs; j++) {
                            double rg = sigmoid(gates[gi + j] + step[si + j]);
                            double zg = sigmoid(gates[gi + hs + j] + step[si + hs + j]);
                            double hn = step[si + 2 * hs + j] + (bhh != null ? bhh[2 * hs + j] : 0);
                            double ng = tanh(gates[gi + 2 * hs + j] + rg * hn);
                            double h = (1 - zg) * ng + zg * hCur[hi + j];
                            gates[gi + j] = rg;
                            gates[gi + hs + j] = zg;
                            gates[gi + 2 * hs + j] = ng;
                            hiddenN[ri + j] = hn;
                            hCur[hi + j] = h;
                            out[oi + j] = h;
                        }
                    }
                    default -> throw new IllegalStateException(kind.toString());
                }
            }
        }
        System.arraycopy(hCur, 0, hN, hNOff, batch * hs);
        if (cCur != null) {
            System.arraycopy(cCur, 0, cN, cNOff, batch * hs);
        }
        give(step);
        return new Saved(gates, hPrev, cPrev, tanhC, hiddenN);
    }

    /**
     * Backpropagates through {@link #forward}. {@code gOut}, {@code gHN}, {@code gCN} are the
     * gradients of its outputs (same offsets as there). Weight and bias gradients are written
     * (not accumulated) into the given arrays, each may be null when not wanted; {@code dx} is
     * accumulated into, because both directions of a layer read the same input.
     */
    static void backward(CellKind kind, SequenceLayout lay, boolean reverse, int inSize, int hidden,
                         double[] x, double[] wih, double[] whh, Saved sv,
                         double[] gOut, int outCols, int outCol, double[] gHN, int gHNOff, double[] gCN, int gCNOff,
                         double[] dx, double[] dWih, double[] dWhh, double[] dBih, double[] dBhh,
                         double[] dh0, int dh0Off, double[] dc0, int dc0Off) {
        if (sv.consumed) {
            throw new IllegalStateException("Trying to backward through a recurrent layer a second time: its "
                    + "saved activations were already used and freed; run the forward pass again");
        }
        sv.consumed = true;
        final int rows = lay.rows;
        final int batch = lay.batch;
        final int hs = hidden;
        final int g = kind.gates * hs;
        double[] dG = sv.gates;
        double[] dGh = kind == CellKind.GRU ? take(rows * g) : dG;
        double[] dhCur = new double[batch * hs];
        System.arraycopy(gHN, gHNOff, dhCur, 0, batch * hs);
        double[] dcCur = null;
        if (kind == CellKind.LSTM) {
            dcCur = new double[batch * hs];
            System.arraycopy(gCN, gCNOff, dcCur, 0, batch * hs);
        }
        double[] stepG = take(batch * g);
        double[] hPrev = sv.hPrev;
        double[] cPrev = sv.cPrev;
        double[] tanhC = sv.tanhC;
        double[] hiddenN = sv.hiddenN;

        Thread caller = Thread.currentThread();
        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(caller);
            int t = reverse ? s : lay.steps - 1 - s;
            int n = lay.batchSizes[t];
            for (int b = 0; b < n; b++) {
                int row = lay.base[t] + b * lay.stride;
                int gi = row * g;
                int si = b * g;
                int hi = b * hs;
                int ri = row * hs;
                int oi = row * outCols + outCol;
                switch (kind) {
                    case RNN_TANH -> {
                        for (int j = 0; j < hs; j++) {
                            double h = dG[gi + j];
                            double d = (dhCur[hi + j] + gOut[oi + j]) * (1 - h * h);
                            dG[gi + j] = d;
                            stepG[si + j] = d;
                        }
                    }
                    case RNN_RELU -> {
                        for (int j = 0; j < hs; j++) {
                            double d = dG[gi + j] > 0 ? dhCur[hi + j] + gOut[oi + j] : 0;
                            dG[gi + j] = d;
                            stepG[si + j] = d;
                        }
                    }
                    case LSTM -> {
                        for (int j = 0; j < hs; j++) {
                            double ig = dG[gi + j];
                            double fg = dG[gi + hs + j];
                            double gg = dG[gi + 2 * hs + j];
                            double og = dG[gi + 3 * hs + j];
                            double tc = tanhC[ri + j];
                            double dh = dhCur[hi + j] + gOut[oi + j];
                            double dc = dcCur[hi + j] + dh * og * (1 - tc * tc);
                            double di = dc * gg * ig * (1 - ig);
                            double df = dc * cPrev[ri + j] * fg * (1 - fg);
                            double dg = dc * ig * (1 - gg * gg);
                            double dout = dh * tc * og * (1 - og);
                            dcCur[hi + j] = dc * fg;
                            dG[gi + j] = di;
                            dG[gi + hs + j] = df;
                            dG[gi + 2 * hs + j] = dg;
                            dG[gi + 3 * hs + j] = dout;
                            stepG[si + j] = di;
                            stepG[si + hs + j] = df;
                            stepG[si + 2 * hs + j] = dg;
                            stepG[si + 3 * hs + j] = dout;
                        }
                    }
                    case GRU -> {
                        for (int j = 0; j < hs; j++) {
                            double rg = dG[gi + j];
                            double zg = dG[gi + hs + j];
                            double ng = dG[gi + 2 * hs + j];
                            double hn = hiddenN[ri + j];
                            double dh = dhCur[hi + j] + gOut[oi + j];
                            double dn = dh * (1 - zg) * (1 - ng * ng);
                            double dz = dh * (hPrev[ri + j] - ng) * zg * (1 - zg);
                            double dr = dn * hn * rg * (1 - rg);
                            dG[gi + j] = dr;
                            dG[gi + hs + j] = dz;
                            dG[gi + 2 * hs + j] = dn;
                            dGh[gi + j] = dr;
                            dGh[gi + hs + j] = dz;
                            dGh[gi + 2 * hs + j] = dn * rg;
                            stepG[si + j] = dr;
                            stepG[si + hs + j] = dz;
                            stepG[si + 2 * hs + j] = dn * rg;
                            // the direct path h_{t-1} → z·h_{t-1}; the GEMM below adds the path through W_hh
                            dhCur[hi + j] = dh * zg;
                        }
                    }
                    default -> throw new IllegalStateException(kind.toString());
                }
            }
            gemm(false, false, n, hs, g, stepG, 0, whh, 0, kind == CellKind.GRU ? 1 : 0, dhCur, 0);
        }
        if (dh0 != null) {
            System.arraycopy(dhCur, 0, dh0, dh0Off, batch * hs);
        }
        if (dc0 != null && dcCur != null) {
            System.arraycopy(dcCur, 0, dc0, dc0Off, batch * hs);
        }
        if (dWhh != null) {
            gemm(true, false, g, hs, rows, dGh, 0, hPrev, 0, 0, dWhh, 0);
        }
        if (dWih != null) {
            gemm(true, false, g, inSize, rows, dG, 0, x, 0, 0, dWih, 0);
        }
        if (dx != null) {
            gemm(false, false, rows, inSize, g, dG, 0, wih, 0, 1, dx, 0);
        }
        if (dBih != null) {
            columnSums(dG, rows, g, dBih);
        }
        if (dBhh != null) {
            columnSums(dGh, rows, g, dBhh);
        }
        give(stepG);
        if (dGh != dG) {
            give(dGh);
        }
        sv.release();
    }

    private static void columnSums(double[] m, int rows, int cols, double[] out) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += m[o + j];
            }
        }
    }

    private static void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                             double beta, double[] c, int cOff) {
        Gemm.dgemm(ta, tb, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double tanh(double v) {
        return Math.tanh(v);
    }
}
