package rnncourse.nn.recurrent;

import java.util.ArrayList;
import java.util.List;
import rnncourse.tensor.Tensor;
import rnncourse.tensor.threads.Interruption;

/**
 * One recurrent layer written with ordinary tensor operations, one time step after another, as
 * PyTorch's documentation states the recurrences; autograd records every operation, so there is
 * no backward pass of its own. It is what float64 layers and cells run, and the oracle that the
 * fused float32 kernel ({@link RecurrentKernelF32}) is tested against: it shares nothing with that
 * kernel's design (no gate blocks, no folded biases, no saved activations, no hand-written
 * backward), so the two agree only if both compute the recurrence.
 *
 * <p>Why float64 runs here rather than in a fused double kernel: float64 is what the lessons and
 * tests use to check things (notebook 02 compares a layer with a recurrence written by hand,
 * gradient checks use finite differences), and a check is worth most when it runs code written
 * independently of what it checks. Being slower does not matter there: the float64 layers are
 * small.
 *
 * <p>The recurrences, with {@code xW = x·W_ihᵀ + b_ih} and {@code hW = h·W_hhᵀ + b_hh} split into
 * gate blocks in PyTorch's order:
 * <ul>
 *   <li>RNN: {@code h' = tanh(xW + hW)} (or relu);</li>
 *   <li>LSTM (i, f, g, o): {@code c' = σ(f)·c + σ(i)·tanh(g)}, {@code h' = σ(o)·tanh(c')};</li>
 *   <li>GRU (r, z, n): {@code r = σ(xW_r + hW_r)}, {@code z = σ(xW_z + hW_z)},
 *       {@code n = tanh(xW_n + r·hW_n)}, {@code h' = (1 − z)·n + z·h}.</li>
 * </ul>
 */
final class ReferenceRecurrentLayer {
    private ReferenceRecurrentLayer() {
    }

    /**
     * Runs one layer, both directions when {@code weights} has two entries (forward first).
     *
     * @param x  the layer input, {@code lay.rows} rows of {@code inSize} values in the layout's row order
     * @param h0 initial hidden states, {@code dirs·B·H} values, or null for zeros
     * @param c0 LSTM initial cell states like {@code h0}, or null for zeros
     * @return output (rows, dirs·H), h_n (dirs, B, H) and, for LSTM, c_n (dirs, B, H)
     */
    static RecurrentOutputs apply(CellKind kind, SequenceLayout lay, int inSize, int hidden,
                                  Tensor x, Tensor h0, Tensor c0, List<DirectionWeights> weights) {
        int dirs = weights.size();
        Tensor rows = x.reshape(lay.rows, inSize);
        Tensor h0s = h0 == null ? null : h0.reshape(dirs, lay.batch, hidden);
        Tensor c0s = c0 == null ? null : c0.reshape(dirs, lay.batch, hidden);
        List<RecurrentOutputs> perDirection = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            Tensor h = h0s == null ? Tensor.zeros(x.dtype(), lay.batch, hidden) : h0s.select(0, d);
            Tensor c = kind != CellKind.LSTM ? null
                    : c0s == null ? Tensor.zeros(x.dtype(), lay.batch, hidden) : c0s.select(0, d);
            perDirection.add(direction(new Direction(kind, lay, d == 1, inSize, hidden), rows, h, c, weights.get(d)));
        }
        Tensor output = dirs == 1 ? perDirection.get(0).output()
                : Tensor.cat(perDirection.stream().map(RecurrentOutputs::output).toList(), 1);
        Tensor hN = Tensor.stack(perDirection.stream().map(RecurrentOutputs::hN).toList(), 0);
        Tensor cN = kind != CellKind.LSTM ? null
                : Tensor.stack(perDirection.stream().map(RecurrentOutputs::cN).toList(), 0);
        return new RecurrentOutputs(output, hN, cN);
    }

    /**
     * One direction over all steps: output (rows, H) in the layout's row order, and the final h and
     * c (B, H) of each sequence.
     */
    private static RecurrentOutputs direction(Direction dir, Tensor x, Tensor h, Tensor c, DirectionWeights w) {
        final CellKind kind = dir.kind();
        final SequenceLayout lay = dir.layout();
        Tensor wIhT = w.weightIh().t();
        Tensor wHhT = w.weightHh().t();
        Tensor[] stepOutputs = new Tensor[lay.steps];
        Thread caller = Thread.currentThread();
        for (int s = 0; s < lay.steps; s++) {
            Interruption.check(caller);
            int t = dir.forwardStep(s);
            int n = lay.batchSizes[t];
            // a packed batch runs only its first n sequences at step t; the others keep their state
            Tensor hRunning = n == lay.batch ? h : h.slice(0, 0, n);
            Tensor xW = affine(stepRows(x, lay, t), wIhT, w.biasIh());
            Tensor hW = affine(hRunning, wHhT, w.biasHh());
            Tensor hNext;
            switch (kind) {
                case RNN_TANH -> hNext = xW.add(hW).tanh();
                case RNN_RELU -> hNext = xW.add(hW).relu();
                case LSTM -> {
                    List<Tensor> gates = xW.add(hW).chunk(4, 1);
                    Tensor cRunning = n == lay.batch ? c : c.slice(0, 0, n);
                    Tensor cNext = gates.get(1).sigmoid().mul(cRunning)
                            .add(gates.get(0).sigmoid().mul(gates.get(2).tanh()));
                    hNext = gates.get(3).sigmoid().mul(cNext.tanh());
                    c = n == lay.batch ? cNext : Tensor.cat(0, cNext, c.slice(0, n, lay.batch));
                }
                case GRU -> {
                    List<Tensor> xg = xW.chunk(3, 1);
                    List<Tensor> hg = hW.chunk(3, 1);
                    Tensor r = xg.get(0).add(hg.get(0)).sigmoid();
                    Tensor z = xg.get(1).add(hg.get(1)).sigmoid();
                    Tensor cand = xg.get(2).add(r.mul(hg.get(2))).tanh();
                    hNext = z.rsub(1).mul(cand).add(z.mul(hRunning));
                }
                default -> throw new IllegalStateException(kind.toString());
            }
            stepOutputs[t] = hNext;
            h = n == lay.batch ? hNext : Tensor.cat(0, hNext, h.slice(0, n, lay.batch));
        }
        return new RecurrentOutputs(inLayoutOrder(Tensor.cat(0, stepOutputs), lay), h, c);
    }

    /** {@code m·wT + b}, or {@code m·wT} without bias. */
    private static Tensor affine(Tensor m, Tensor wT, Tensor b) {
        Tensor product = m.matmul(wT);
        return b == null ? product : product.add(b);
    }

    /** The rows of step t's running sequences, (batchSizes[t], features). */
    private static Tensor stepRows(Tensor x, SequenceLayout lay, int t) {
        int n = lay.batchSizes[t];
        if (lay.stride == 1) {
            return x.slice(0, lay.row(t, 0), lay.row(t, 0) + n);
        }
        int[] rows = new int[n];
        for (int b = 0; b < n; b++) {
            rows[b] = lay.row(t, b);
        }
        return x.indexSelect(0, rows);
    }

    /**
     * The step outputs stacked in step order, (t, b), rearranged into the layout's row order: the
     * same for time-major and packed rows, a permutation for batch-first ones.
     */
    private static Tensor inLayoutOrder(Tensor byStep, SequenceLayout lay) {
        if (lay.stride == 1) {
            return byStep;
        }
        int[] source = new int[lay.rows];
        int k = 0;
        for (int t = 0; t < lay.steps; t++) {
            for (int b = 0; b < lay.batchSizes[t]; b++) {
                source[lay.row(t, b)] = k++;
            }
        }
        return byStep.indexSelect(0, source);
    }
}
