package rnncourse.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import rnncourse.tensor.Autograd;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * One recurrent layer (both directions when bidirectional) as a single autograd node with two or
 * three outputs, output, h_n and (LSTM) c_n: the forward pass runs the fused kernels over all time
 * steps, the backward rule runs their hand-written backward once with the gradient of each output
 * that the loss depends on (none is made up for an unused output).
 */
final class FusedRecurrentLayer {
    private FusedRecurrentLayer() {
    }

    /**
     * @param x       the layer input, {@code lay.rows × inSize} values in the layout's row order
     * @param h0      initial hidden states (dirs, B, H), or null for zeros
     * @param c0      LSTM initial cell states (dirs, B, H), or null for zeros
     * @param weights each direction's parameters, forward first
     * @return output (rows, dirs·H), h_n (dirs, B, H) and, for LSTM, c_n (dirs, B, H)
     */
    static RecurrentOutputs apply(CellKind kind, SequenceLayout lay, int inSize, int hidden,
                                  Tensor x, Tensor h0, Tensor c0, List<DirectionWeights> weights) {
        Precision<?> p = x.isFloat32() ? FLOAT32 : FLOAT64;
        return run(p, kind, lay, inSize, hidden, x, h0, c0, weights);
    }

    /** The node's inputs, and its rule's gradients in the same order: x, h0, c0, then each direction's weights. */
    private static Tensor[] nodeSlots(Tensor x, Tensor h0, Tensor c0, List<DirectionWeights> weights) {
        List<Tensor> slots = new ArrayList<>();
        slots.add(x);
        slots.add(h0);
        slots.add(c0);
        for (DirectionWeights w : weights) {
            slots.add(w.weightIh());
            slots.add(w.weightHh());
            slots.add(w.biasIh());
            slots.add(w.biasHh());
        }
        return slots.toArray(new Tensor[0]);
    }

    private static <A> RecurrentOutputs run(Precision<A> p, CellKind kind, SequenceLayout lay, int inSize, int hs,
                                            Tensor x, Tensor h0, Tensor c0, List<DirectionWeights> weights) {
        int dirs = weights.size();
        int width = dirs * hs;
        int bh = lay.batch * hs;
        boolean lstm = kind == CellKind.LSTM;
        A xs = p.array(x);
        A out = p.zeros(lay.rows * width);
        A hN = p.zeros(dirs * bh);
        A cN = lstm ? p.zeros(dirs * bh) : null;
        A h0s = p.array(h0);
        A c0s = p.array(c0);
        List<Direction> directions = new ArrayList<>();
        List<WeightArrays<A>> arrays = new ArrayList<>();
        List<SavedActivations<A>> saved = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            Direction dir = new Direction(kind, lay, d == 1, inSize, hs);
            DirectionWeights w = weights.get(d);
            WeightArrays<A> wa = new WeightArrays<>(p.array(w.weightIh()), p.array(w.weightHh()),
                    p.array(w.biasIh()), p.array(w.biasHh()));
            directions.add(dir);
            arrays.add(wa);
            saved.add(p.forward().run(dir, xs, wa, new StateBlocks<>(h0s, c0s, d * bh),
                    new OutputColumns<>(out, width, d * hs), new StateBlocks<>(hN, cN, d * bh)));
        }
        Tensor output = p.wrap(out, lay.rows, width);
        Tensor hNt = p.wrap(hN, dirs, lay.batch, hs);
        Tensor cNt = lstm ? p.wrap(cN, dirs, lay.batch, hs) : null;
        Tensor[] results = lstm ? new Tensor[]{output, hNt, cNt} : new Tensor[]{output, hNt};
        Autograd.record(kind.label + "LayerBackward0", results, grads -> {
            A gOut = p.array(grads[0]);
            A gH = p.array(grads[1]);
            A gC = lstm ? p.array(grads[2]) : null;
            A dx = wants(x) ? p.zeros(x.numel()) : null;
            A dh0 = wants(h0) ? p.zeros(dirs * bh) : null;
            A dc0 = wants(c0) ? p.zeros(dirs * bh) : null;
            List<DirectionWeights> dWeights = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                DirectionWeights w = weights.get(d);
                WeightArrays<A> dW = new WeightArrays<>(zerosFor(p, w.weightIh()), zerosFor(p, w.weightHh()),
                        zerosFor(p, w.biasIh()), zerosFor(p, w.biasHh()));
                p.backward().run(directions.get(d), xs, arrays.get(d), saved.get(d),
                        new OutputColumns<>(gOut, width, d * hs), new StateBlocks<>(gH, gC, d * bh), dx, dW,
                        new StateBlocks<>(dh0, dc0, d * bh));
                dWeights.add(new DirectionWeights(wrapLike(p, dW.weightIh(), w.weightIh()),
                        wrapLike(p, dW.weightHh(), w.weightHh()), wrapLike(p, dW.biasIh(), w.biasIh()),
                        wrapLike(p, dW.biasHh(), w.biasHh())));
            }
            return nodeSlots(wrapLike(p, dx, x), wrapLike(p, dh0, h0), wrapLike(p, dc0, c0), dWeights);
        }, nodeSlots(x, h0, c0, weights));
        if (output.gradFn() == null) {
            // nothing will backpropagate (no_grad, or no input needs a gradient): recycle the work arrays now
            saved.forEach(SavedActivations::release);
        }
        return new RecurrentOutputs(output, hNt, cNt);
    }

    private static boolean wants(Tensor t) {
        return t != null && t.requiresGrad();
    }

    /** A zero gradient array for {@code t}, or null when t needs no gradient. */
    private static <A> A zerosFor(Precision<A> p, Tensor t) {
        return wants(t) ? p.zeros(t.numel()) : null;
    }

    private static <A> Tensor wrapLike(Precision<A> p, A data, Tensor like) {
        return data == null ? null : p.wrap(data, like.shapeArray());
    }

    /** A kernel's forward pass over one direction ({@code RecurrentKernelF32::forward} or F64's). */
    @FunctionalInterface
    private interface KernelForward<A> {
        SavedActivations<A> run(Direction dir, A x, WeightArrays<A> w, StateBlocks<A> initial, OutputColumns<A> out,
                                StateBlocks<A> last);
    }

    /** A kernel's backward pass over one direction. */
    @FunctionalInterface
    private interface KernelBackward<A> {
        void run(Direction dir, A x, WeightArrays<A> w, SavedActivations<A> sv, OutputColumns<A> gOut,
                 StateBlocks<A> gLast, A dx, WeightArrays<A> dW, StateBlocks<A> dInitial);
    }

    /**
     * The array type ({@code float[]} or {@code double[]}) a layer computes in, and its kernel.
     *
     * @param values t's values in this precision (converting a gradient of another dtype)
     */
    private record Precision<A>(Function<Tensor, A> values, IntFunction<A> allocate, BiFunction<A, int[], Tensor> wrapper,
                                KernelForward<A> forward, KernelBackward<A> backward) {
        /** t's values in this precision, or null for null. */
        A array(Tensor t) {
            return t == null ? null : values.apply(t);
        }

        /** A new zero array of length n. */
        A zeros(int n) {
            return allocate.apply(n);
        }

        Tensor wrap(A data, int... shape) {
            return wrapper.apply(data, shape);
        }
    }

    private static final Precision<float[]> FLOAT32 = new Precision<>(
            t -> t.isFloat32() ? t.floatData() : t.to(DType.FLOAT32).floatData(), float[]::new, Tensor::wrap,
            RecurrentKernelF32::forward, RecurrentKernelF32::backward);

    private static final Precision<double[]> FLOAT64 = new Precision<>(
            t -> t.dtype() == DType.FLOAT64 ? t.doubleData() : t.to(DType.FLOAT64).doubleData(), double[]::new,
            Tensor::wrap, RecurrentKernelF64::forward, RecurrentKernelF64::backward);

    /**
     * A float32 batch-first input (batch, steps, features) as time-major rows (steps·batch,
     * features), recorded for autograd; {@link #batchFirst} is the way back. Why: the fused kernel
     * copies each time step's rows as one block when they are contiguous, and one copy per row and
     * array otherwise; reordering once around the whole layer stack costs two copies per row each
     * way, and half as many reorderings as doing it per layer (bench/RESULTS.md has the gain).
     */
    static Tensor timeMajor(Tensor x, int steps, int batch) {
        return reordered(x, steps, batch, true);
    }

    /** The inverse of {@link #timeMajor}: time-major rows back to (batch, steps, cols). */
    static Tensor batchFirst(Tensor rows, int steps, int batch) {
        return reordered(rows, steps, batch, false);
    }

    /** {@link #reorder} as an autograd op: the gradient is reordered the other way. */
    private static Tensor reordered(Tensor t, int steps, int batch, boolean toTimeMajor) {
        int cols = t.numel() / (steps * batch);
        int[] shape = toTimeMajor ? new int[]{steps * batch, cols} : new int[]{batch, steps, cols};
        Tensor r = Tensor.wrap(reorder(t.floatData(), steps, batch, cols, toTimeMajor), shape);
        return Autograd.record("TransposeBackward0", r, g -> new Tensor[]{
                Tensor.wrap(reorder(g.floatData(), steps, batch, cols, !toTimeMajor), t.shapeArray())}, t);
    }

    /**
     * Reorders rows of {@code cols} values between batch-first (row b·steps + t) and time-major
     * (row t·batch + b) order; {@code toTimeMajor} says which way.
     */
    private static float[] reorder(float[] src, int steps, int batch, int cols, boolean toTimeMajor) {
        float[] dst = new float[steps * batch * cols];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int bf = (b * steps + t) * cols;
                int tm = (t * batch + b) * cols;
                if (toTimeMajor) {
                    System.arraycopy(src, bf, dst, tm, cols);
                } else {
                    System.arraycopy(src, tm, dst, bf, cols);
                }
            }
        }
        return dst;
    }
}
