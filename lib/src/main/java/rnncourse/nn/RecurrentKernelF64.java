package rnncourse.nn;

import rnncourse.tensor.Gemm;

/**
 * The float64 forward and backward pass of one direction of one recurrent layer over all its time
 * steps, on raw row-major arrays: what {@code RNN}, {@code LSTM}, {@code GRU} and their cells run
 * after {@code to(DType.FLOAT64)}.
 *
 * <p>What it is for: the double-precision path of the lessons that compare a layer with a
 * recurrence written by hand in double (notebook 02), the finite-difference gradient checks of
 * every recurrent module, and the reference that {@link RecurrentKernelF32} is tested against. So
 * it is written plainly rather than fast: one thread, one row at a time, each step's gate
 * arithmetic in one loop with {@code StrictMath.tanh} and {@code Math.exp}, none of the float kernel's
 * blocks, SIMD-friendly activations or two-core time loop. It shares with the float kernel only
 * what carries no arithmetic of its own: the layout, the saved-state and work-array bookkeeping
 * ({@link SavedActivations}, {@link WorkArrays}) and the bias folding ({@link GateBias}).
 *
 * <p>{@code StrictMath.tanh}, not {@code Math.tanh}: JDK 24 made {@code Math.tanh} an intrinsic whose
 * last bits differ from JDK 17's (which is {@code StrictMath}'s fdlibm), and trained numbers then
 * differed between JDKs (notebook 07 on JDK 25); {@code StrictMath} is specified bit for bit.
 *
 * <p>The GEMM structure is the same as there: the input projection of all rows at once (here with
 * the folded biases as the product's initial value), one product {@code h_{t-1}·W_hhᵀ} per step,
 * the reverse loop's {@code dGates_t·W_hh}, and the weight gradients as products over all rows.
 */
final class RecurrentKernelF64 {
    private static final WorkArrays<double[]> POOL = WorkArrays.DOUBLES;

    private RecurrentKernelF64() {
    }

    /**
     * Runs the recurrence. Writes the hidden state of each row into {@code out}, the final hidden
     * (and cell) state of each sequence into {@code last}; {@code initial}'s arrays are null for
     * zeros, {@code w}'s biases null without bias.
     *
     * @return what the backward pass needs, to be passed to {@link #backward} or released
     */
    static SavedActivations<double[]> forward(Direction dir, double[] x, WeightArrays<double[]> w,
                                              StateBlocks<double[]> initial, OutputColumns<double[]> out,
                                              StateBlocks<double[]> last) {
        final CellKind kind = dir.kind();
        final SequenceLayout lay = dir.layout();
        final int rows = lay.rows;
        final int batch = lay.batch;
        final int hs = dir.hidden();
        final int g = dir.gateCols();
        SavedActivations<double[]> sv = new SavedActivations<>(kind, rows, hs, POOL);
        final double[] gates = sv.gates;
        double[] bias = GateBias.folded(kind, hs, w.biasIh(), w.biasHh());
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, gates, r * g, g);
            }
        }
        gemm(false, true, rows, g, dir.inputSize(), x, 0, w.weightIh(), 0, bias != null ? 1 : 0, gates, 0);
        double[] bhn = kind == CellKind.GRU ? GateBias.gruHiddenNBias(hs, w.biasHh(), new double[hs]) : null;

        double[] hCur = initial.readH(0, batch, hs, new double[batch * hs]);
        double[] cCur = kind == CellKind.LSTM ? initial.readC(0, batch, hs, new double[batch * hs]) : null;
        final double[] hPrev = sv.hPrev;
        final double[] cPrev = sv.cPrev;
        final double[] tanhC = sv.tanhC;
        final double[] hiddenN = sv.hiddenN;
        final double[] o = out.data();
        double[] step = POOL.take(batch * g);

        Thread caller = Thread.currentThread();
        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(caller);
            int t = dir.reverse() ? lay.steps - 1 - s : s;
            int n = lay.batchSizes[t];
            gemm(false, true, n, g, hs, hCur, 0, w.weightHh(), 0, 0, step, 0);
            for (int b = 0; b < n; b++) {
                int row = lay.base[t] + b * lay.stride;
                int gi = row * g;
                int si = b * g;
                int hi = b * hs;
                int ri = row * hs;
                int oi = row * out.cols() + out.col();
                System.arraycopy(hCur, hi, hPrev, ri, hs);
                switch (kind) {
                    case RNN_TANH -> {
                        for (int j = 0; j < hs; j++) {
                            double v = StrictMath.tanh(gates[gi + j] + step[si + j]);
                            gates[gi + j] = v;
                            hCur[hi + j] = v;
                            o[oi + j] = v;
                        }
                    }
                    case RNN_RELU -> {
                        for (int j = 0; j < hs; j++) {
                            double v = gates[gi + j] + step[si + j];
                            v = v > 0 ? v : 0;
                            gates[gi + j] = v;
                            hCur[hi + j] = v;
                            o[oi + j] = v;
                        }
                    }
                    case LSTM -> {
                        System.arraycopy(cCur, hi, cPrev, ri, hs);
                        for (int j = 0; j < hs; j++) {
                            double ig = sigmoid(gates[gi + j] + step[si + j]);
                            double fg = sigmoid(gates[gi + hs + j] + step[si + hs + j]);
                            double gg = StrictMath.tanh(gates[gi + 2 * hs + j] + step[si + 2 * hs + j]);
                            double og = sigmoid(gates[gi + 3 * hs + j] + step[si + 3 * hs + j]);
                            double c = fg * cCur[hi + j] + ig * gg;
                            double tc = StrictMath.tanh(c);
                            double h = og * tc;
                            gates[gi + j] = ig;
                            gates[gi + hs + j] = fg;
                            gates[gi + 2 * hs + j] = gg;
                            gates[gi + 3 * hs + j] = og;
                            cCur[hi + j] = c;
                            tanhC[ri + j] = tc;
                            hCur[hi + j] = h;
                            o[oi + j] = h;
                        }
                    }
                    case GRU -> {
                        for (int j = 0; j < hs; j++) {
                            double rg = sigmoid(gates[gi + j] + step[si + j]);
                            double zg = sigmoid(gates[gi + hs + j] + step[si + hs + j]);
                            double hn = step[si + 2 * hs + j] + bhn[j];
                            double ng = StrictMath.tanh(gates[gi + 2 * hs + j] + rg * hn);
                            double h = (1 - zg) * ng + zg * hCur[hi + j];
                            gates[gi + j] = rg;
                            gates[gi + hs + j] = zg;
                            gates[gi + 2 * hs + j] = ng;
                            hiddenN[ri + j] = hn;
                            hCur[hi + j] = h;
                            o[oi + j] = h;
                        }
                    }
                    default -> throw new IllegalStateException(kind.toString());
                }
            }
        }
        last.writeH(hCur, 0, batch, hs);
        last.writeC(cCur, 0, batch, hs);
        POOL.give(step);
        return sv;
    }

    /**
     * Backpropagates through {@link #forward}. {@code gOut} and {@code gLast} are the gradients of
     * its outputs (arrays null where no gradient arrived). Weight and bias gradients are written
     * (not accumulated) into {@code dW}'s arrays, each null when not wanted, and so are the initial
     * states' into {@code dInitial}; {@code dx} is accumulated into, because both directions of a
     * layer read the same input.
     */
    static void backward(Direction dir, double[] x, WeightArrays<double[]> w, SavedActivations<double[]> sv,
                         OutputColumns<double[]> gOut, StateBlocks<double[]> gLast,
                         double[] dx, WeightArrays<double[]> dW, StateBlocks<double[]> dInitial) {
        sv.consume();
        final CellKind kind = dir.kind();
        final SequenceLayout lay = dir.layout();
        final int rows = lay.rows;
        final int batch = lay.batch;
        final int hs = dir.hidden();
        final int g = dir.gateCols();
        double[] dG = sv.gates;
        double[] dGh = kind == CellKind.GRU ? POOL.take(rows * g) : dG;
        double[] dhCur = gLast.readH(0, batch, hs, new double[batch * hs]);
        double[] dcCur = kind == CellKind.LSTM ? gLast.readC(0, batch, hs, new double[batch * hs]) : null;
        double[] stepG = POOL.take(batch * g);
        final double[] hPrev = sv.hPrev;
        final double[] cPrev = sv.cPrev;
        final double[] tanhC = sv.tanhC;
        final double[] hiddenN = sv.hiddenN;
        // no gradient on the output reads as zeros
        final double[] go = gOut.data();

        Thread caller = Thread.currentThread();
        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(caller);
            int t = dir.reverse() ? s : lay.steps - 1 - s;
            int n = lay.batchSizes[t];
            for (int b = 0; b < n; b++) {
                int row = lay.base[t] + b * lay.stride;
                int gi = row * g;
                int si = b * g;
                int hi = b * hs;
                int ri = row * hs;
                int oi = row * gOut.cols() + gOut.col();
                switch (kind) {
                    case RNN_TANH -> {
                        for (int j = 0; j < hs; j++) {
                            double h = dG[gi + j];
                            double d = (dhCur[hi + j] + (go == null ? 0 : go[oi + j])) * (1 - h * h);
                            dG[gi + j] = d;
                            stepG[si + j] = d;
                        }
                    }
                    case RNN_RELU -> {
                        for (int j = 0; j < hs; j++) {
                            double d = dG[gi + j] > 0 ? dhCur[hi + j] + (go == null ? 0 : go[oi + j]) : 0;
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
                            double dh = dhCur[hi + j] + (go == null ? 0 : go[oi + j]);
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
                            double dh = dhCur[hi + j] + (go == null ? 0 : go[oi + j]);
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
            gemm(false, false, n, hs, g, stepG, 0, w.weightHh(), 0, kind == CellKind.GRU ? 1 : 0, dhCur, 0);
        }
        dInitial.writeH(dhCur, 0, batch, hs);
        dInitial.writeC(dcCur, 0, batch, hs);
        if (dW.weightHh() != null) {
            gemm(true, false, g, hs, rows, dGh, 0, hPrev, 0, 0, dW.weightHh(), 0);
        }
        if (dW.weightIh() != null) {
            gemm(true, false, g, dir.inputSize(), rows, dG, 0, x, 0, 0, dW.weightIh(), 0);
        }
        if (dx != null) {
            gemm(false, false, rows, dir.inputSize(), g, dG, 0, w.weightIh(), 0, 1, dx, 0);
        }
        if (dW.biasIh() != null) {
            columnSums(dG, rows, g, dW.biasIh());
        }
        if (dW.biasHh() != null) {
            columnSums(dGh, rows, g, dW.biasHh());
        }
        POOL.give(stepG);
        if (dGh != dG) {
            POOL.give(dGh);
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
}
