package rnncourse.nn;

import rnncourse.tensor.Gemm;
import rnncourse.tensor.Kernels;
import rnncourse.tensor.Parallel;

/**
 * The float32 forward and backward pass of one direction of one recurrent layer over all its time
 * steps, on raw row-major arrays.
 *
 * <p>Why it is shaped like this: the input projection of every step is one GEMM
 * ({@code X·W_ihᵀ}, all rows at once, with both biases folded in); each step then costs one GEMM
 * {@code h_{t-1}·W_hhᵀ} giving all gate columns, and a few loops that apply the activations and
 * write the new state. Nothing is allocated per step. The backward pass walks the steps in
 * reverse, keeps only the per-step GEMM {@code dGates_t·W_hh} inside the loop, and leaves the
 * weight gradients to three GEMMs over all rows at the end.
 *
 * <p>What makes it fast: (1) the per-row loops are simple counted loops over one gate block at a
 * time, and the activations are {@link Kernels}' branch-free rational functions, so the JIT
 * vectorizes them (an LSTM step's activations cost a tenth of what {@code Math.exp} did); (2) the
 * sequences of a batch are independent, so when the time loop is big enough the batch is cut in
 * two halves whose loops run side by side on two cores ({@link Parallel#run}), each with a
 * single-threaded BLAS — small per-step products split across BLAS threads synchronise every step
 * and gain little; (3) the large all-rows products run outside that, on a multi-threaded BLAS.
 *
 * <p>Rows are addressed through a {@link SequenceLayout}, so time-major, batch-first and packed
 * inputs share this code. {@code RecurrentKernelF64} is the straightforward version of the same
 * algorithm in double precision (one thread, scalar {@code Math.exp} activations); the tests check
 * this kernel against it.
 */
final class RecurrentKernelF32 {
    /** Minimum sequences in each half of a batch for the two-core time loop. */
    private static final int MIN_PARALLEL_BATCH = 8;
    /** Minimum multiply-adds of the time loop's per-step products for the two-core time loop. */
    private static final long MIN_PARALLEL_WORK = 1L << 20;

    private RecurrentKernelF32() {
    }

    /** What the forward pass keeps for the backward pass. */
    static final class Saved {
        /** (rows, G) gate activations; the backward pass overwrites them with pre-activation gradients. */
        final float[] gates;
        /** (rows, H) the hidden state each row's step started from. */
        final float[] hPrev;
        /** LSTM: (rows, H) the cell state each step started from. */
        final float[] cPrev;
        /** LSTM: (rows, H) tanh of the new cell state. */
        final float[] tanhC;
        /** GRU: (rows, H) W_hn·h + b_hn, the term the reset gate scales. */
        final float[] hiddenN;
        boolean consumed;

        Saved(float[] gates, float[] hPrev, float[] cPrev, float[] tanhC, float[] hiddenN) {
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
    private static final java.util.Map<Integer, java.util.ArrayDeque<float[]>> POOL = new java.util.HashMap<>();
    private static final long POOL_LIMIT = 48L << 20;
    private static long pooled;

    private static synchronized float[] take(int n) {
        java.util.ArrayDeque<float[]> q = POOL.get(n);
        if (q != null && !q.isEmpty()) {
            pooled -= n;
            return q.pop();
        }
        return new float[n];
    }

    private static synchronized void give(float[] a) {
        if (a == null || pooled + a.length > POOL_LIMIT / 4) {
            return;
        }
        pooled += a.length;
        POOL.computeIfAbsent(a.length, k -> new java.util.ArrayDeque<>()).push(a);
    }

    /**
     * Where the batch is cut for the two-core time loop, or 0 to run it whole. The cut depends on
     * the shape only, never on the number of cores (one core runs the halves one after the other):
     * a half batch's per-step product may take another path than the whole batch's (Java loops
     * below {@link Gemm#nd4jThreshold()}, OpenBLAS's small-matrix kernels, column blocks), which
     * would change the rounding.
     */
    static int split(SequenceLayout lay, int hidden, int gateCols) {
        long work = (long) lay.rows * hidden * gateCols;
        if (lay.batch < 2 * MIN_PARALLEL_BATCH || work < MIN_PARALLEL_WORK) {
            return 0;
        }
        return lay.batch / 2;
    }

    /**
     * Runs the recurrence. Writes the hidden state of row r into {@code out[r·outCols + outCol ..]},
     * the final hidden (and cell) state of each sequence into {@code hN} ({@code cN}) at the given
     * offsets. {@code bih}/{@code bhh} are null without bias, {@code h0}/{@code c0} null for zeros.
     */
    static Saved forward(CellKind kind, SequenceLayout lay, boolean reverse, int inSize, int hidden,
                         float[] x, float[] wih, float[] whh, float[] bih, float[] bhh,
                         float[] h0, int h0Off, float[] c0, int c0Off,
                         float[] out, int outCols, int outCol, float[] hN, int hNOff, float[] cN, int cNOff) {
        final int rows = lay.rows;
        final int hs = hidden;
        final int g = kind.gates * hs;
        float[] gates = take(rows * g);
        // both biases, added where the pre-activations are next read (not copied into the GEMM's
        // output beforehand, which would double the product's copying)
        float[] bias = new float[g];
        if (bih != null) {
            // GRU's b_hn must stay inside r·(W_hn·h + b_hn), so only its r and z parts fold in
            int fold = kind == CellKind.GRU ? 2 * hs : g;
            for (int j = 0; j < g; j++) {
                bias[j] = bih[j] + (j < fold ? bhh[j] : 0);
            }
        }
        gemm(false, true, rows, g, inSize, x, 0, wih, 0, 0, gates, 0);
        if (bih != null && (kind == CellKind.RNN_RELU || kind == CellKind.GRU)) {
            for (int r = 0; r < rows; r++) {
                addInto(gates, r * g, bias, 0, g);
            }
        }

        float[] hPrev = take(rows * hs);
        float[] cPrev = kind == CellKind.LSTM ? take(rows * hs) : null;
        float[] tanhC = kind == CellKind.LSTM ? take(rows * hs) : null;
        float[] hiddenN = kind == CellKind.GRU ? take(rows * hs) : null;
        // b_hn, or zeros, so the GRU loop needs no branch
        float[] bhn = new float[hs];
        if (kind == CellKind.GRU && bhh != null) {
            System.arraycopy(bhh, 2 * hs, bhn, 0, hs);
        }
        Saved sv = new Saved(gates, hPrev, cPrev, tanhC, hiddenN);
        int cut = split(lay, hs, g);
        // the per-step product h·W_hhᵀ as an untransposed product with W_hhᵀ, which Gemm can
        // serve in column blocks (Gemm.columnBlock)
        float[] whhT = new float[hs * g];
        for (int r = 0; r < g; r++) {
            for (int col = 0; col < hs; col++) {
                whhT[col * g + r] = whh[r * hs + col];
            }
        }
        Thread caller = Thread.currentThread();
        try (Gemm.Resident w = Gemm.resident(whhT, 0, g * hs)) {
            if (cut == 0) {
                forwardRange(kind, lay, reverse, hs, w, bias, bhn, h0, h0Off, c0, c0Off, sv, out, outCols, outCol,
                        hN, hNOff, cN, cNOff, 0, lay.batch, caller);
            } else {
                Parallel.run(
                        () -> forwardRange(kind, lay, reverse, hs, w, bias, bhn, h0, h0Off, c0, c0Off, sv, out,
                                outCols, outCol, hN, hNOff, cN, cNOff, 0, cut, caller),
                        () -> forwardRange(kind, lay, reverse, hs, w, bias, bhn, h0, h0Off, c0, c0Off, sv, out,
                                outCols, outCol, hN, hNOff, cN, cNOff, cut, lay.batch, caller));
            }
        }
        return sv;
    }

    /**
     * The time loop of {@link #forward} for the sequences b0 ≤ b &lt; b1; stops between two steps
     * once {@code caller} is interrupted.
     */
    private static void forwardRange(CellKind kind, SequenceLayout lay, boolean reverse, int hs,
                                     Gemm.Resident whhT, float[] bias, float[] bhn, float[] h0, int h0Off, float[] c0, int c0Off,
                                     Saved sv, float[] out, int outCols, int outCol,
                                     float[] hN, int hNOff, float[] cN, int cNOff, int b0, int b1, Thread caller) {
        final int g = kind.gates * hs;
        final int nb = b1 - b0;
        final float[] gates = sv.gates;
        final float[] hPrev = sv.hPrev;
        final float[] cPrev = sv.cPrev;
        final float[] tanhC = sv.tanhC;
        final float[] hiddenN = sv.hiddenN;
        float[] hCur = new float[nb * hs];
        if (h0 != null) {
            System.arraycopy(h0, h0Off + b0 * hs, hCur, 0, nb * hs);
        }
        float[] cCur = null;
        if (kind == CellKind.LSTM) {
            cCur = new float[nb * hs];
            if (c0 != null) {
                System.arraycopy(c0, c0Off + b0 * hs, cCur, 0, nb * hs);
            }
        }
        float[] step = take(nb * g);
        // LSTM and tanh-RNN steps work on whole blocks (see Blocks); ReLU and GRU row by row
        Blocks w = kind == CellKind.LSTM || kind == CellKind.RNN_TANH ? new Blocks(kind, nb, hs, bias, true) : null;

        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(caller);
            int t = reverse ? lay.steps - 1 - s : s;
            int n = Math.min(lay.batchSizes[t], b1) - b0;
            if (n <= 0) {
                continue;
            }
            Gemm.sgemm(false, false, n, g, hs, hCur, 0, whhT, 0f, step, 0);
            if (kind == CellKind.LSTM) {
                lstmStep(lay, t, b0, n, hs, step, w, hCur, cCur, sv, out, outCols, outCol);
                continue;
            }
            if (kind == CellKind.RNN_TANH) {
                tanhStep(lay, t, b0, n, hs, step, w, hCur, sv, out, outCols, outCol);
                continue;
            }
            // ReLU RNN and GRU: row by row
            for (int b = 0; b < n; b++) {
                int row = lay.base[t] + (b0 + b) * lay.stride;
                int gi = row * g;
                int si = b * g;
                int hi = b * hs;
                int ri = row * hs;
                int oi = row * outCols + outCol;
                System.arraycopy(hCur, hi, hPrev, ri, hs);
                switch (kind) {
                    case RNN_RELU -> {
                        addInto(gates, gi, step, si, hs);
                        for (int j = gi; j < gi + hs; j++) {
                            gates[j] = Math.max(0f, gates[j]);
                        }
                        System.arraycopy(gates, gi, hCur, hi, hs);
                    }
                    case GRU -> {
                        addInto(gates, gi, step, si, 2 * hs);
                        Kernels.sigmoidInPlace(gates, gi, 2 * hs);
                        for (int j = 0; j < hs; j++) {
                            hiddenN[ri + j] = step[si + 2 * hs + j] + bhn[j];
                        }
                        for (int j = 0; j < hs; j++) {
                            // n = tanh(W_in·x + b_in + r·(W_hn·h + b_hn))
                            gates[gi + 2 * hs + j] += gates[gi + j] * hiddenN[ri + j];
                        }
                        Kernels.tanhInPlace(gates, gi + 2 * hs, hs);
                        for (int j = 0; j < hs; j++) {
                            // h = (1 - z)·n + z·h
                            float z = gates[gi + hs + j];
                            hCur[hi + j] = (1 - z) * gates[gi + 2 * hs + j] + z * hCur[hi + j];
                        }
                    }
                    default -> throw new IllegalStateException(kind.toString());
                }
                System.arraycopy(hCur, hi, out, oi, hs);
            }
        }
        System.arraycopy(hCur, 0, hN, hNOff + b0 * hs, nb * hs);
        if (cCur != null) {
            System.arraycopy(cCur, 0, cN, cNOff + b0 * hs, nb * hs);
        }
        give(step);
        if (w != null) {
            w.release();
        }
    }

    /*
     * Why the LSTM and tanh-RNN steps copy rows into blocks before computing: HotSpot 17
     * vectorizes a loop only if all its array accesses can be aligned together, which in practice
     * means the same index expression in every array (a[j], b[j], c[j]). A loop that mixes
     * a[off + j] with b[j], for an offset known only at run time, runs scalar — measured 0.25–0.5
     * ns an element against 0.03–0.06 vectorized, and short rows make it worse. So each step
     * gathers its rows (one System.arraycopy per row, or one for the whole step when its rows are
     * contiguous, as in the time-major layout) into blocks that start at index 0, computes on the
     * blocks with plain counted loops, and scatters the results back. The LSTM's three sigmoid
     * gates share one tanh call with the cell candidate: sigmoid(x) = ½ + ½·tanh(x/2).
     */

    /** The per-thread blocks of one time loop: allocated once per range, reused every step. */
    private static final class Blocks {
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
        Blocks(CellKind kind, int nb, int hs, float[] biasRow, boolean forward) {
            int gw = kind.gates * hs;
            boolean lstm = kind == CellKind.LSTM;
            in = take(nb * gw);
            bias = take(nb * gw);
            for (int b = 0; b < nb; b++) {
                if (biasRow != null) {
                    System.arraycopy(biasRow, 0, bias, b * gw, gw);
                } else {
                    java.util.Arrays.fill(bias, b * gw, (b + 1) * gw, 0f);
                }
            }
            scale = lstm && forward ? take(nb * gw) : null;
            if (scale != null) {
                for (int b = 0; b < nb; b++) {
                    java.util.Arrays.fill(scale, b * gw, (b + 1) * gw, 0.5f);
                    java.util.Arrays.fill(scale, b * gw + 2 * hs, b * gw + 3 * hs, 1f);
                }
            }
            i = lstm ? take(nb * hs) : null;
            f = lstm ? take(nb * hs) : null;
            g = lstm ? take(nb * hs) : null;
            o = lstm ? take(nb * hs) : null;
            tmp = take(nb * hs);
            prev = lstm && !forward ? take(nb * hs) : null;
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
            give(in);
            give(bias);
            give(scale);
            give(i);
            give(f);
            give(g);
            give(o);
            give(tmp);
            give(prev);
        }
    }

    /**
     * Copies {@code width} values from each of step t's rows for sequences b0 ≤ b &lt; b0 + n
     * (row r's values at {@code src[r·cols + col]}) into consecutive rows of {@code dst}.
     */
    private static void gather(float[] src, int cols, int col, SequenceLayout lay, int t, int b0, int n, int width,
                               float[] dst) {
        int first = lay.base[t] + b0 * lay.stride;
        if (lay.stride == 1 && cols == width) {
            System.arraycopy(src, first * cols, dst, 0, n * width);
            return;
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(src, (first + b * lay.stride) * cols + col, dst, b * width, width);
        }
    }

    /** The inverse of {@link #gather}: consecutive rows of {@code src} go to step t's rows of {@code dst}. */
    private static void scatter(float[] src, int width, float[] dst, int cols, int col, SequenceLayout lay, int t,
                                int b0, int n) {
        int first = lay.base[t] + b0 * lay.stride;
        if (lay.stride == 1 && cols == width) {
            System.arraycopy(src, 0, dst, first * cols, n * width);
            return;
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(src, b * width, dst, (first + b * lay.stride) * cols + col, width);
        }
    }

    /**
     * One LSTM time step for the local rows 0 ≤ b &lt; n (sequences b0 + b) of step t;
     * {@code step} holds h_{t-1}·W_hhᵀ for those rows.
     */
    private static void lstmStep(SequenceLayout lay, int t, int b0, int n, int hs, float[] step, Blocks w,
                                 float[] hCur, float[] cCur, Saved sv, float[] out, int outCols, int outCol) {
        final int g = 4 * hs;
        final int ng = n * g;
        final int nh = n * hs;
        scatter(hCur, hs, sv.hPrev, hs, 0, lay, t, b0, n);
        scatter(cCur, hs, sv.cPrev, hs, 0, lay, t, b0, n);
        gather(sv.gates, g, 0, lay, t, b0, n, g, w.in);
        final float[] in = w.in;
        final float[] bias = w.bias;
        final float[] scale = w.scale;
        for (int j = 0; j < ng; j++) {
            step[j] = (step[j] + in[j] + bias[j]) * scale[j];
        }
        Kernels.tanhInPlace(step, 0, ng);
        for (int j = 0; j < ng; j++) {
            // sigmoid columns: ½·tanh + ½; cell candidate: tanh
            step[j] = step[j] * scale[j] + (1f - scale[j]);
        }
        scatter(step, g, sv.gates, g, 0, lay, t, b0, n);
        w.splitGates(step, n, hs);
        final float[] gi = w.i;
        final float[] gf = w.f;
        final float[] gg = w.g;
        final float[] go = w.o;
        final float[] tc = w.tmp;
        for (int j = 0; j < nh; j++) {
            // c = f·c + i·g
            cCur[j] = gf[j] * cCur[j] + gi[j] * gg[j];
        }
        System.arraycopy(cCur, 0, tc, 0, nh);
        Kernels.tanhInPlace(tc, 0, nh);
        for (int j = 0; j < nh; j++) {
            // h = o·tanh(c)
            hCur[j] = go[j] * tc[j];
        }
        scatter(tc, hs, sv.tanhC, hs, 0, lay, t, b0, n);
        scatter(hCur, hs, out, outCols, outCol, lay, t, b0, n);
    }

    /** One tanh-RNN time step for the local rows 0 ≤ b &lt; n (sequences b0 + b) of step t. */
    private static void tanhStep(SequenceLayout lay, int t, int b0, int n, int hs, float[] step, Blocks w,
                                 float[] hCur, Saved sv, float[] out, int outCols, int outCol) {
        final int nh = n * hs;
        scatter(hCur, hs, sv.hPrev, hs, 0, lay, t, b0, n);
        gather(sv.gates, hs, 0, lay, t, b0, n, hs, w.in);
        final float[] in = w.in;
        final float[] bias = w.bias;
        for (int j = 0; j < nh; j++) {
            step[j] += in[j] + bias[j];
        }
        Kernels.tanhInPlace(step, 0, nh);
        System.arraycopy(step, 0, hCur, 0, nh);
        scatter(step, hs, sv.gates, hs, 0, lay, t, b0, n);
        scatter(step, hs, out, outCols, outCol, lay, t, b0, n);
    }

    /** a[aOff..aOff+n) += b[bOff..bOff+n). */
    private static void addInto(float[] a, int aOff, float[] b, int bOff, int n) {
        for (int j = 0; j < n; j++) {
            a[aOff + j] += b[bOff + j];
        }
    }

    /**
     * Backpropagates through {@link #forward}. {@code gOut}, {@code gHN}, {@code gCN} are the
     * gradients of its outputs (same offsets as there). Weight and bias gradients are written
     * (not accumulated) into the given arrays, each may be null when not wanted; {@code dx} is
     * accumulated into, because both directions of a layer read the same input.
     */
    static void backward(CellKind kind, SequenceLayout lay, boolean reverse, int inSize, int hidden,
                         float[] x, float[] wih, float[] whh, Saved sv,
                         float[] gOut, int outCols, int outCol, float[] gHN, int gHNOff, float[] gCN, int gCNOff,
                         float[] dx, float[] dWih, float[] dWhh, float[] dBih, float[] dBhh,
                         float[] dh0, int dh0Off, float[] dc0, int dc0Off) {
        if (sv.consumed) {
            throw new IllegalStateException("Trying to backward through a recurrent layer a second time: its "
                    + "saved activations were already used and freed; run the forward pass again");
        }
        sv.consumed = true;
        final int rows = lay.rows;
        final int hs = hidden;
        final int g = kind.gates * hs;
        float[] dG = sv.gates;
        float[] dGh = kind == CellKind.GRU ? take(rows * g) : dG;
        int cut = split(lay, hs, g);
        // each range's gate-gradient row sums (LSTM, tanh RNN), from which the bias gradients come
        float[][] rowSums = new float[2][];
        Thread caller = Thread.currentThread();
        try (Gemm.Resident w = Gemm.resident(whh, 0, g * hs)) {
            if (cut == 0) {
                rowSums[0] = backwardRange(kind, lay, reverse, hs, w, sv, dGh, gOut, outCols, outCol, gHN, gHNOff,
                        gCN, gCNOff, dh0, dh0Off, dc0, dc0Off, 0, lay.batch, caller);
            } else {
                Parallel.run(
                        () -> rowSums[0] = backwardRange(kind, lay, reverse, hs, w, sv, dGh, gOut, outCols, outCol,
                                gHN, gHNOff, gCN, gCNOff, dh0, dh0Off, dc0, dc0Off, 0, cut, caller),
                        () -> rowSums[1] = backwardRange(kind, lay, reverse, hs, w, sv, dGh, gOut, outCols, outCol,
                                gHN, gHNOff, gCN, gCNOff, dh0, dh0Off, dc0, dc0Off, cut, lay.batch, caller));
            }
        }
        // dG is the A operand of up to three products: copy it to native memory once
        try (Gemm.Resident rdG = Gemm.resident(dG, 0, rows * g)) {
            if (dWhh != null) {
                if (dGh == dG) {
                    Gemm.sgemm(true, false, g, hs, rows, rdG, sv.hPrev, 0, 0f, dWhh, 0);
                } else {
                    gemm(true, false, g, hs, rows, dGh, 0, sv.hPrev, 0, 0, dWhh, 0);
                }
            }
            if (dWih != null) {
                Gemm.sgemm(true, false, g, inSize, rows, rdG, x, 0, 0f, dWih, 0);
            }
            if (dx != null) {
                Gemm.sgemm(false, false, rows, inSize, g, rdG, wih, 0, 1f, dx, 0);
            }
        }
        if (rowSums[0] != null) {
            // LSTM / tanh RNN: both bias gradients are the column sums of dG, accumulated per range
            for (float[] sums : rowSums) {
                if (sums != null) {
                    if (dBih != null) {
                        columnSums(sums, sums.length / g, g, dBih);
                    }
                    if (dBhh != null) {
                        columnSums(sums, sums.length / g, g, dBhh);
                    }
                    give(sums);
                }
            }
        } else {
            biasGradients(dG, dGh, rows, g, dBih, dBhh);
        }
        if (dGh != dG) {
            give(dGh);
        }
        sv.release();
    }

    /** ReLU RNN and GRU: the bias gradients as column sums of the full gradient matrices. */
    private static void biasGradients(float[] dG, float[] dGh, int rows, int g, float[] dBih, float[] dBhh) {
        if (dBih != null) {
            columnSums(dG, rows, g, dBih);
        }
        if (dBhh != null) {
            if (dGh == dG && dBih != null) {
                System.arraycopy(dBih, 0, dBhh, 0, g);
            } else {
                columnSums(dGh, rows, g, dBhh);
            }
        }
    }

    /**
     * The reverse time loop of {@link #backward} for the sequences b0 ≤ b &lt; b1; stops between two
     * steps once {@code caller} is interrupted.
     *
     * @return LSTM and tanh RNN: (b1 − b0, G) sums over the steps of each row's gate gradients,
     *     whose column sums are the bias gradients (a pooled array); otherwise null
     */
    private static float[] backwardRange(CellKind kind, SequenceLayout lay, boolean reverse, int hs, Gemm.Resident whh,
                                      Saved sv, float[] dGh, float[] gOut, int outCols, int outCol,
                                      float[] gHN, int gHNOff, float[] gCN, int gCNOff,
                                      float[] dh0, int dh0Off, float[] dc0, int dc0Off, int b0, int b1, Thread caller) {
        final int g = kind.gates * hs;
        final int nb = b1 - b0;
        final float[] dG = sv.gates;
        final float[] hPrev = sv.hPrev;
        final float[] cPrev = sv.cPrev;
        final float[] tanhC = sv.tanhC;
        final float[] hiddenN = sv.hiddenN;
        float[] dhCur = new float[nb * hs];
        System.arraycopy(gHN, gHNOff + b0 * hs, dhCur, 0, nb * hs);
        float[] dcCur = null;
        if (kind == CellKind.LSTM) {
            dcCur = new float[nb * hs];
            System.arraycopy(gCN, gCNOff + b0 * hs, dcCur, 0, nb * hs);
        }
        float[] stepG = take(nb * g);
        Blocks w = kind == CellKind.LSTM || kind == CellKind.RNN_TANH ? new Blocks(kind, nb, hs, null, false) : null;
        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(caller);
            int t = reverse ? s : lay.steps - 1 - s;
            int n = Math.min(lay.batchSizes[t], b1) - b0;
            if (n <= 0) {
                continue;
            }
            if (w != null) {
                blockStepBackward(kind, lay, t, b0, n, hs, w, sv, stepG, dhCur, dcCur, gOut, outCols, outCol);
                Gemm.sgemm(false, false, n, hs, g, stepG, 0, whh, 0f, dhCur, 0);
                continue;
            }
            for (int b = 0; b < n; b++) {
                int row = lay.base[t] + (b0 + b) * lay.stride;
                int gi = row * g;
                int si = b * g;
                int hi = b * hs;
                int ri = row * hs;
                int oi = row * outCols + outCol;
                // dh = gradient from the next step + gradient of this step's output
                addInto(dhCur, hi, gOut, oi, hs);
                switch (kind) {
                    case RNN_RELU -> {
                        for (int j = 0; j < hs; j++) {
                            dG[gi + j] = dG[gi + j] > 0 ? dhCur[hi + j] : 0;
                        }
                        System.arraycopy(dG, gi, stepG, si, hs);
                    }
                    case GRU -> {
                        for (int j = 0; j < hs; j++) {
                            float rg = dG[gi + j];
                            float zg = dG[gi + hs + j];
                            float ng = dG[gi + 2 * hs + j];
                            float hn = hiddenN[ri + j];
                            float dh = dhCur[hi + j];
                            float dn = dh * (1 - zg) * (1 - ng * ng);
                            float dz = dh * (hPrev[ri + j] - ng) * zg * (1 - zg);
                            float dr = dn * hn * rg * (1 - rg);
                            dG[gi + j] = dr;
                            dG[gi + hs + j] = dz;
                            dG[gi + 2 * hs + j] = dn;
                            dGh[gi + j] = dr;
                            dGh[gi + hs + j] = dz;
                            dGh[gi + 2 * hs + j] = dn * rg;
                            // the direct path h_{t-1} → z·h_{t-1}; the GEMM below adds the path through W_hh
                            dhCur[hi + j] = dh * zg;
                        }
                        System.arraycopy(dGh, gi, stepG, si, g);
                    }
                    default -> throw new IllegalStateException(kind.toString());
                }
            }
            Gemm.sgemm(false, false, n, hs, g, stepG, 0, whh, kind == CellKind.GRU ? 1f : 0f, dhCur, 0);
        }
        if (dh0 != null) {
            System.arraycopy(dhCur, 0, dh0, dh0Off + b0 * hs, nb * hs);
        }
        if (dc0 != null && dcCur != null) {
            System.arraycopy(dcCur, 0, dc0, dc0Off + b0 * hs, nb * hs);
        }
        give(stepG);
        if (w == null) {
            return null;
        }
        float[] sums = w.bias;
        w.keepBias();
        w.release();
        return sums;
    }

    /**
     * One backward step of an LSTM or tanh RNN for the local rows 0 ≤ b &lt; n: adds the step's
     * output gradient to dh, turns the saved activations into pre-activation gradients — in
     * {@code stepG} (n, G) for the product with W_hh and in the saved gate rows for the weight
     * gradients — adds them to the row sums in {@code w.bias}, and carries dc to the previous step.
     */
    private static void blockStepBackward(CellKind kind, SequenceLayout lay, int t, int b0, int n, int hs, Blocks w,
                                          Saved sv, float[] stepG, float[] dhCur, float[] dcCur,
                                          float[] gOut, int outCols, int outCol) {
        final int g = kind.gates * hs;
        final int nh = n * hs;
        final int ng = n * g;
        final float[] gradOut = w.in;
        gather(gOut, outCols, outCol, lay, t, b0, n, hs, gradOut);
        for (int j = 0; j < nh; j++) {
            // dh = gradient from the next step + gradient of this step's output
            dhCur[j] += gradOut[j];
        }
        gather(sv.gates, g, 0, lay, t, b0, n, g, stepG);
        if (kind == CellKind.LSTM) {
            w.splitGates(stepG, n, hs);
            gather(sv.tanhC, hs, 0, lay, t, b0, n, hs, w.tmp);
            gather(sv.cPrev, hs, 0, lay, t, b0, n, hs, w.prev);
            final float[] gi = w.i;
            final float[] gf = w.f;
            final float[] gg = w.g;
            final float[] go = w.o;
            final float[] tc = w.tmp;
            final float[] cp = w.prev;
            // four short loops rather than one: HotSpot unrolls, and so vectorizes, only small loop bodies
            for (int j = 0; j < nh; j++) {
                // dc = dc_next + dh·o·(1 - tanh²c)
                float c = tc[j];
                dcCur[j] += dhCur[j] * go[j] * (1 - c * c);
            }
            for (int j = 0; j < nh; j++) {
                float o = go[j];
                go[j] = dhCur[j] * tc[j] * o * (1 - o);
            }
            for (int j = 0; j < nh; j++) {
                // the input and cell-candidate gradients each need the other's activation
                float i = gi[j];
                float cand = gg[j];
                float dc = dcCur[j];
                gi[j] = dc * cand * i * (1 - i);
                gg[j] = dc * i * (1 - cand * cand);
            }
            for (int j = 0; j < nh; j++) {
                float f = gf[j];
                float dc = dcCur[j];
                gf[j] = dc * cp[j] * f * (1 - f);
                dcCur[j] = dc * f;
            }
            w.joinGates(stepG, n, hs);
        } else {
            for (int j = 0; j < nh; j++) {
                float h = stepG[j];
                stepG[j] = dhCur[j] * (1 - h * h);
            }
        }
        scatter(stepG, g, sv.gates, g, 0, lay, t, b0, n);
        final float[] sums = w.bias;
        for (int j = 0; j < ng; j++) {
            sums[j] += stepG[j];
        }
    }

    private static void columnSums(float[] m, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += m[o + j];
            }
        }
    }

    private static void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                             float beta, float[] c, int cOff) {
        Gemm.sgemm(ta, tb, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    }
}
