package rnncourse.nn.recurrent;

import rnncourse.tensor.Kernels;
import rnncourse.tensor.gemm.Gemm;
import rnncourse.tensor.threads.Interruption;
import rnncourse.tensor.threads.Parallel;

/**
 * The float32 forward and backward pass of one direction of one recurrent layer over all its time
 * steps, on raw row-major arrays.
 *
 * <p>Why it is shaped like this: the input projection of every step is one GEMM
 * ({@code X·W_ihᵀ}, all rows at once); each step then costs one GEMM {@code h_{t-1}·W_hhᵀ} giving
 * all gate columns, and a few loops that add the folded biases ({@link GateBias}), apply the
 * activations and write the new state. Nothing is allocated per step. The backward pass walks the
 * steps in reverse, keeps only the per-step GEMM {@code dGates_t·W_hh} inside the loop, and leaves
 * the weight gradients to three GEMMs over all rows at the end.
 *
 * <p>What makes it fast: (1) the per-row loops are simple counted loops over one gate block at a
 * time ({@link StepBlocks}), and the activations are {@link Kernels}' branch-free rational
 * functions, so the JIT vectorizes them; (2) the sequences of a batch are independent, so when the
 * time loop is big enough the batch is cut in two halves whose loops run side by side on two cores
 * ({@link Parallel#run}) — small per-step products split across threads inside one product would
 * synchronise every step and gain little; (3) the large all-rows products before and after the
 * time loop are single GEMMs, which {@link Gemm} may split across cores by their shape.
 *
 * <p>Rows are addressed through a {@link SequenceLayout}, so time-major, batch-first and packed
 * inputs share this code. The tests check it against {@link ReferenceRecurrentLayer}, the same
 * recurrences written with tensor operations, which float64 layers run.
 */
final class RecurrentKernelF32 {
    /** Minimum sequences in each half of a batch for the two-core time loop. */
    private static final int MIN_PARALLEL_BATCH = 8;
    /** Minimum multiply-adds of the time loop's per-step products for the two-core time loop. */
    private static final long MIN_PARALLEL_WORK = 1L << 20;
    /** Gate values (rows·G) above which the input projection runs in row blocks ({@link #inputProjection}). */
    static final int PROJECTION_BLOCK_FLOATS = 1 << 21;

    private RecurrentKernelF32() {
    }

    /**
     * Where the batch is cut for the two-core time loop, or 0 to run it whole. The cut depends on
     * the shape only, never on the number of cores (one core runs the halves one after the other):
     * a half batch's per-step product may take another path than the whole batch's (Java loops
     * below Gemm's size threshold, OpenBLAS's small-matrix kernels, column blocks), which would
     * change the rounding.
     */
    static int split(SequenceLayout lay, int hidden, int gateCols) {
        long work = (long) lay.rows * hidden * gateCols;
        if (lay.batch < 2 * MIN_PARALLEL_BATCH || work < MIN_PARALLEL_WORK) {
            return 0;
        }
        return lay.batch / 2;
    }

    /** What both halves of a forward time loop share. */
    private record ForwardLoop(Direction dir, Gemm.Resident whhT, float[] bias, float[] bhn,
                               StateBlocks initial, SavedActivations saved,
                               OutputColumns out, StateBlocks last, Thread caller) {
    }

    /**
     * Runs the recurrence. Writes the hidden state of each row into {@code out}, the final hidden
     * (and cell) state of each sequence into {@code last}; {@code initial}'s arrays are null for
     * zeros, {@code w}'s biases null without bias.
     *
     * @return what the backward pass needs, to be passed to {@link #backward} or released
     */
    static SavedActivations forward(Direction dir, float[] x, WeightArrays w,
                                             StateBlocks initial, OutputColumns out,
                                             StateBlocks last) {
        final CellKind kind = dir.kind();
        final SequenceLayout lay = dir.layout();
        final int rows = lay.rows;
        final int hs = dir.hidden();
        final int g = dir.gateCols();
        // whose interrupt stops this pass: the allocations, the projection and the time loop look at it
        final Thread caller = Thread.currentThread();
        SavedActivations sv = new SavedActivations(kind, rows, hs, caller);
        float[] gates = sv.gates;
        // both biases, added where the pre-activations are next read (not copied into the GEMM's
        // output beforehand, which would double the product's copying)
        float[] bias = GateBias.folded(kind, hs, w.biasIh(), w.biasHh());
        inputProjection(rows, g, dir.inputSize(), x, w.weightIh(), gates, caller);
        if (w.biasIh() != null && (kind == CellKind.RNN_RELU || kind == CellKind.GRU)) {
            for (int r = 0; r < rows; r++) {
                addInto(gates, r * g, bias, 0, g);
            }
        }
        // b_hn, or zeros, so the GRU loop needs no branch
        float[] bhn = kind == CellKind.GRU ? GateBias.gruHiddenNBias(hs, w.biasHh()) : null;
        int cut = split(lay, hs, g);
        // the per-step product h·W_hhᵀ as an untransposed product with W_hhᵀ, which Gemm can
        // serve in column blocks (GemmPlan.Rules.columnBlockWidth)
        float[] whh = w.weightHh();
        float[] whhT = new float[hs * g];
        for (int r = 0; r < g; r++) {
            for (int col = 0; col < hs; col++) {
                whhT[col * g + r] = whh[r * hs + col];
            }
        }
        try (Gemm.Resident resident = Gemm.resident(whhT, 0, g * hs)) {
            ForwardLoop loop = new ForwardLoop(dir, resident, bias, bhn, initial, sv, out, last, caller);
            if (cut == 0) {
                forwardRange(loop, 0, lay.batch);
            } else {
                Parallel.run(() -> forwardRange(loop, 0, cut), () -> forwardRange(loop, cut, lay.batch));
            }
        }
        return sv;
    }

    /**
     * gates = X·W_ihᵀ for all rows: one product, or for a long input (more than
     * {@link #PROJECTION_BLOCK_FLOATS} gate values) row blocks of about equal size, with an
     * interrupt check between blocks. Why: such a product is seconds long on a loaded machine (a
     * 64×1000-step batch of a 512-unit LSTM makes 131 M gate values) and a native call cannot be
     * interrupted, so a stop waited for it; and blocks of about that size keep OpenBLAS's staging
     * buffer for C under {@code OpenBlasGemm}'s keep limit (4 M values, with room for its growth),
     * so it is reused instead of freshly mapped, page by page, for every product. OpenBLAS's edge
     * kernels round the rows at a block's end differently, so a blocked projection agrees with the
     * one product to float32 rounding, not bit for bit; the blocks depend on the shape only, so the
     * result is still the same on every core count.
     */
    static void inputProjection(int rows, int g, int in, float[] x, float[] wIh, float[] gates, Thread caller) {
        long values = (long) rows * g;
        int blocks = (int) ((values + PROJECTION_BLOCK_FLOATS - 1) / PROJECTION_BLOCK_FLOATS);
        // equal blocks, so that no small remainder is left to a different GEMM path
        int block = (rows + blocks - 1) / blocks;
        for (int r0 = 0; r0 < rows; r0 += block) {
            if (r0 > 0) {
                Interruption.check(caller);
            }
            int n = Math.min(block, rows - r0);
            Gemm.sgemm(false, true, n, g, in, x, r0 * in, wIh, 0, 0f, gates, r0 * g);
        }
    }

    /**
     * The time loop of {@link #forward} for the sequences b0 ≤ b &lt; b1; stops between two steps
     * once the caller is interrupted.
     */
    private static void forwardRange(ForwardLoop loop, int b0, int b1) {
        final Direction dir = loop.dir();
        final CellKind kind = dir.kind();
        final SequenceLayout lay = dir.layout();
        final int hs = dir.hidden();
        final int g = dir.gateCols();
        final int nb = b1 - b0;
        final SavedActivations sv = loop.saved();
        final float[] gates = sv.gates;
        final float[] hPrev = sv.hPrev;
        final float[] hiddenN = sv.hiddenN;
        final float[] bhn = loop.bhn();
        final float[] out = loop.out().data();
        final int outCols = loop.out().cols();
        final int outCol = loop.out().col();
        float[] hCur = loop.initial().readH(b0, nb, hs);
        float[] cCur = kind == CellKind.LSTM ? loop.initial().readC(b0, nb, hs) : null;
        float[] step = WorkArrays.take(nb * g);
        // LSTM and tanh-RNN steps work on whole blocks (see StepBlocks); ReLU and GRU row by row
        StepBlocks w = kind == CellKind.LSTM || kind == CellKind.RNN_TANH
                ? new StepBlocks(kind, nb, hs, loop.bias(), true) : null;

        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(loop.caller());
            int t = dir.forwardStep(s);
            int n = lay.running(t, b0, b1);
            if (n == 0) {
                continue;
            }
            Gemm.sgemm(false, false, n, g, hs, hCur, 0, loop.whhT(), 0f, step, 0);
            if (kind == CellKind.LSTM) {
                lstmStep(lay, t, b0, n, hs, step, w, hCur, cCur, sv, loop.out());
                continue;
            }
            if (kind == CellKind.RNN_TANH) {
                tanhStep(lay, t, b0, n, hs, step, w, hCur, sv, loop.out());
                continue;
            }
            // ReLU RNN and GRU: row by row
            for (int b = 0; b < n; b++) {
                int row = lay.row(t, b0 + b);
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
        loop.last().writeH(hCur, b0, nb, hs);
        loop.last().writeC(cCur, b0, nb, hs);
        WorkArrays.give(step);
        if (w != null) {
            w.release();
        }
    }

    /**
     * One LSTM time step for the local rows 0 ≤ b &lt; n (sequences b0 + b) of step t;
     * {@code step} holds h_{t-1}·W_hhᵀ for those rows.
     */
    private static void lstmStep(SequenceLayout lay, int t, int b0, int n, int hs, float[] step, StepBlocks w,
                                 float[] hCur, float[] cCur, SavedActivations sv, OutputColumns out) {
        final int g = 4 * hs;
        final int ng = n * g;
        final int nh = n * hs;
        StepBlocks.scatter(hCur, hs, sv.hPrev, hs, 0, lay, t, b0, n);
        StepBlocks.scatter(cCur, hs, sv.cPrev, hs, 0, lay, t, b0, n);
        StepBlocks.gather(sv.gates, g, 0, lay, t, b0, n, g, w.in);
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
        StepBlocks.scatter(step, g, sv.gates, g, 0, lay, t, b0, n);
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
        StepBlocks.scatter(tc, hs, sv.tanhC, hs, 0, lay, t, b0, n);
        StepBlocks.scatter(hCur, hs, out.data(), out.cols(), out.col(), lay, t, b0, n);
    }

    /** One tanh-RNN time step for the local rows 0 ≤ b &lt; n (sequences b0 + b) of step t. */
    private static void tanhStep(SequenceLayout lay, int t, int b0, int n, int hs, float[] step, StepBlocks w,
                                 float[] hCur, SavedActivations sv, OutputColumns out) {
        final int nh = n * hs;
        StepBlocks.scatter(hCur, hs, sv.hPrev, hs, 0, lay, t, b0, n);
        StepBlocks.gather(sv.gates, hs, 0, lay, t, b0, n, hs, w.in);
        final float[] in = w.in;
        final float[] bias = w.bias;
        for (int j = 0; j < nh; j++) {
            step[j] += in[j] + bias[j];
        }
        Kernels.tanhInPlace(step, 0, nh);
        System.arraycopy(step, 0, hCur, 0, nh);
        StepBlocks.scatter(step, hs, sv.gates, hs, 0, lay, t, b0, n);
        StepBlocks.scatter(step, hs, out.data(), out.cols(), out.col(), lay, t, b0, n);
    }

    /** a[aOff..aOff+n) += b[bOff..bOff+n). */
    private static void addInto(float[] a, int aOff, float[] b, int bOff, int n) {
        for (int j = 0; j < n; j++) {
            a[aOff + j] += b[bOff + j];
        }
    }

    /** What both halves of a backward time loop share. */
    private record BackwardLoop(Direction dir, Gemm.Resident whh, SavedActivations saved, float[] dGh,
                                OutputColumns gOut, StateBlocks gLast,
                                StateBlocks dInitial, Thread caller) {
    }

    /**
     * Backpropagates through {@link #forward}. {@code gOut} and {@code gLast} are the gradients of
     * its outputs (arrays null where no gradient arrived). Weight and bias gradients are written
     * (not accumulated) into {@code dW}'s arrays, each null when not wanted, and so are the initial
     * states' into {@code dInitial}; {@code dx} is accumulated into, because both directions of a
     * layer read the same input.
     */
    static void backward(Direction dir, float[] x, WeightArrays w, SavedActivations sv,
                         OutputColumns gOut, StateBlocks gLast,
                         float[] dx, WeightArrays dW, StateBlocks dInitial) {
        sv.consume();
        final CellKind kind = dir.kind();
        final SequenceLayout lay = dir.layout();
        final int rows = lay.rows;
        final int hs = dir.hidden();
        final int g = dir.gateCols();
        float[] dG = sv.gates;
        float[] dGh = kind == CellKind.GRU ? WorkArrays.take(rows * g) : dG;
        int cut = split(lay, hs, g);
        // each range's gate-gradient row sums (LSTM, tanh RNN), from which the bias gradients come
        float[][] rowSums = new float[2][];
        try (Gemm.Resident whh = Gemm.resident(w.weightHh(), 0, g * hs)) {
            BackwardLoop loop = new BackwardLoop(dir, whh, sv, dGh, gOut, gLast, dInitial, Thread.currentThread());
            if (cut == 0) {
                rowSums[0] = backwardRange(loop, 0, lay.batch);
            } else {
                Parallel.run(() -> rowSums[0] = backwardRange(loop, 0, cut),
                        () -> rowSums[1] = backwardRange(loop, cut, lay.batch));
            }
        }
        // dG is the A operand of up to three products: copy it to native memory once
        try (Gemm.Resident rdG = Gemm.resident(dG, 0, rows * g)) {
            if (dW.weightHh() != null) {
                if (dGh == dG) {
                    Gemm.sgemm(true, false, g, hs, rows, rdG, sv.hPrev, 0, 0f, dW.weightHh(), 0);
                } else {
                    Gemm.sgemm(true, false, g, hs, rows, dGh, 0, sv.hPrev, 0, 0f, dW.weightHh(), 0);
                }
            }
            if (dW.weightIh() != null) {
                Gemm.sgemm(true, false, g, dir.inputSize(), rows, rdG, x, 0, 0f, dW.weightIh(), 0);
            }
            if (dx != null) {
                Gemm.sgemm(false, false, rows, dir.inputSize(), g, rdG, w.weightIh(), 0, 1f, dx, 0);
            }
        }
        if (rowSums[0] != null) {
            // LSTM / tanh RNN: both bias gradients are the column sums of dG, accumulated per range
            for (float[] sums : rowSums) {
                if (sums != null) {
                    if (dW.biasIh() != null) {
                        columnSums(sums, sums.length / g, g, dW.biasIh());
                    }
                    if (dW.biasHh() != null) {
                        columnSums(sums, sums.length / g, g, dW.biasHh());
                    }
                    WorkArrays.give(sums);
                }
            }
        } else {
            biasGradients(dG, dGh, rows, g, dW.biasIh(), dW.biasHh());
        }
        if (dGh != dG) {
            WorkArrays.give(dGh);
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
     * steps once the caller is interrupted.
     *
     * @return LSTM and tanh RNN: (b1 − b0, G) sums over the steps of each row's gate gradients,
     *     whose column sums are the bias gradients (a pooled array); otherwise null
     */
    private static float[] backwardRange(BackwardLoop loop, int b0, int b1) {
        final Direction dir = loop.dir();
        final CellKind kind = dir.kind();
        final SequenceLayout lay = dir.layout();
        final int hs = dir.hidden();
        final int g = dir.gateCols();
        final int nb = b1 - b0;
        final SavedActivations sv = loop.saved();
        final float[] dG = sv.gates;
        final float[] dGh = loop.dGh();
        final float[] hPrev = sv.hPrev;
        final float[] hiddenN = sv.hiddenN;
        final float[] gOut = loop.gOut().data();
        final int outCols = loop.gOut().cols();
        final int outCol = loop.gOut().col();
        float[] dhCur = loop.gLast().readH(b0, nb, hs);
        float[] dcCur = kind == CellKind.LSTM ? loop.gLast().readC(b0, nb, hs) : null;
        float[] stepG = WorkArrays.take(nb * g);
        StepBlocks w = kind == CellKind.LSTM || kind == CellKind.RNN_TANH
                ? new StepBlocks(kind, nb, hs, null, false) : null;
        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(loop.caller());
            int t = dir.backwardStep(s);
            int n = lay.running(t, b0, b1);
            if (n == 0) {
                continue;
            }
            if (w != null) {
                blockStepBackward(kind, lay, t, b0, n, hs, w, sv, stepG, dhCur, dcCur, loop.gOut());
                Gemm.sgemm(false, false, n, hs, g, stepG, 0, loop.whh(), 0f, dhCur, 0);
                continue;
            }
            for (int b = 0; b < n; b++) {
                int row = lay.row(t, b0 + b);
                int gi = row * g;
                int si = b * g;
                int hi = b * hs;
                int ri = row * hs;
                if (gOut != null) {
                    // dh = gradient from the next step + gradient of this step's output
                    addInto(dhCur, hi, gOut, row * outCols + outCol, hs);
                }
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
            Gemm.sgemm(false, false, n, hs, g, stepG, 0, loop.whh(), kind == CellKind.GRU ? 1f : 0f, dhCur, 0);
        }
        loop.dInitial().writeH(dhCur, b0, nb, hs);
        loop.dInitial().writeC(dcCur, b0, nb, hs);
        WorkArrays.give(stepG);
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
    private static void blockStepBackward(CellKind kind, SequenceLayout lay, int t, int b0, int n, int hs, StepBlocks w,
                                          SavedActivations sv, float[] stepG, float[] dhCur, float[] dcCur,
                                          OutputColumns gOut) {
        final int g = kind.gates * hs;
        final int nh = n * hs;
        final int ng = n * g;
        if (gOut.data() != null) {
            final float[] gradOut = w.in;
            StepBlocks.gather(gOut.data(), gOut.cols(), gOut.col(), lay, t, b0, n, hs, gradOut);
            for (int j = 0; j < nh; j++) {
                // dh = gradient from the next step + gradient of this step's output
                dhCur[j] += gradOut[j];
            }
        }
        StepBlocks.gather(sv.gates, g, 0, lay, t, b0, n, g, stepG);
        if (kind == CellKind.LSTM) {
            w.splitGates(stepG, n, hs);
            StepBlocks.gather(sv.tanhC, hs, 0, lay, t, b0, n, hs, w.tmp);
            StepBlocks.gather(sv.cPrev, hs, 0, lay, t, b0, n, hs, w.prev);
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
        StepBlocks.scatter(stepG, g, sv.gates, g, 0, lay, t, b0, n);
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
}
