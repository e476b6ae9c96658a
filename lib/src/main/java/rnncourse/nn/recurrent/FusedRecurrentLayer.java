package rnncourse.nn.recurrent;

import java.util.ArrayList;
import java.util.List;
import rnncourse.tensor.Autograd;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;
import rnncourse.tensor.threads.Interruption;

/**
 * One float32 recurrent layer (both directions when bidirectional) as a single autograd node with
 * two or three outputs, output, h_n and (LSTM) c_n: the forward pass runs the fused kernel over all time
 * steps, the backward rule runs their hand-written backward once with the gradient of each output
 * that the loss depends on (none is made up for an unused output).
 */
final class FusedRecurrentLayer {
    private FusedRecurrentLayer() {
    }

    /**
     * @param x       the layer input, {@code lay.rows × inSize} float32 values in the layout's row order
     * @param h0      initial hidden states (dirs, B, H), or null for zeros
     * @param c0      LSTM initial cell states (dirs, B, H), or null for zeros
     * @param weights each direction's parameters, forward first
     * @return output (rows, dirs·H), h_n (dirs, B, H) and, for LSTM, c_n (dirs, B, H)
     */
    static RecurrentOutputs apply(CellKind kind, SequenceLayout lay, int inSize, int hs,
                                  Tensor x, Tensor h0, Tensor c0, List<DirectionWeights> weights) {
        int dirs = weights.size();
        int width = dirs * hs;
        int bh = lay.batch * hs;
        boolean lstm = kind == CellKind.LSTM;
        float[] xs = x.floatData();
        float[] out = new float[lay.rows * width];
        // a long input's output is hundreds of MB: see SavedActivations on checks between allocations
        Interruption.check(Thread.currentThread());
        float[] hN = new float[dirs * bh];
        float[] cN = lstm ? new float[dirs * bh] : null;
        float[] h0s = values(h0);
        float[] c0s = values(c0);
        List<Direction> directions = new ArrayList<>();
        List<WeightArrays> arrays = new ArrayList<>();
        List<SavedActivations> saved = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            Direction dir = new Direction(kind, lay, d == 1, inSize, hs);
            DirectionWeights w = weights.get(d);
            WeightArrays wa = new WeightArrays(values(w.weightIh()), values(w.weightHh()), values(w.biasIh()),
                    values(w.biasHh()));
            directions.add(dir);
            arrays.add(wa);
            saved.add(RecurrentKernelF32.forward(dir, xs, wa, new StateBlocks(h0s, c0s, d * bh),
                    new OutputColumns(out, width, d * hs), new StateBlocks(hN, cN, d * bh)));
        }
        Tensor output = Tensor.wrap(out, lay.rows, width);
        Tensor hNt = Tensor.wrap(hN, dirs, lay.batch, hs);
        Tensor cNt = lstm ? Tensor.wrap(cN, dirs, lay.batch, hs) : null;
        Tensor[] results = lstm ? new Tensor[]{output, hNt, cNt} : new Tensor[]{output, hNt};
        Autograd.record(kind.label + "LayerBackward0", results, grads -> {
            float[] gOut = values(grads[0]);
            float[] gH = values(grads[1]);
            float[] gC = lstm ? values(grads[2]) : null;
            float[] dx = wants(x) ? new float[x.numel()] : null;
            float[] dh0 = wants(h0) ? new float[dirs * bh] : null;
            float[] dc0 = wants(c0) ? new float[dirs * bh] : null;
            List<DirectionWeights> dWeights = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                DirectionWeights w = weights.get(d);
                WeightArrays dW = new WeightArrays(zerosFor(w.weightIh()), zerosFor(w.weightHh()),
                        zerosFor(w.biasIh()), zerosFor(w.biasHh()));
                RecurrentKernelF32.backward(directions.get(d), xs, arrays.get(d), saved.get(d),
                        new OutputColumns(gOut, width, d * hs), new StateBlocks(gH, gC, d * bh), dx, dW,
                        new StateBlocks(dh0, dc0, d * bh));
                dWeights.add(new DirectionWeights(wrapLike(dW.weightIh(), w.weightIh()),
                        wrapLike(dW.weightHh(), w.weightHh()), wrapLike(dW.biasIh(), w.biasIh()),
                        wrapLike(dW.biasHh(), w.biasHh())));
            }
            return nodeSlots(wrapLike(dx, x), wrapLike(dh0, h0), wrapLike(dc0, c0), dWeights);
        }, nodeSlots(x, h0, c0, weights));
        if (output.gradFn() == null) {
            // nothing will backpropagate (no_grad, or no input needs a gradient): recycle the work arrays now
            saved.forEach(SavedActivations::release);
        }
        return new RecurrentOutputs(output, hNt, cNt);
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

    /** t's values as float32 (a gradient of another dtype is converted), or null for null. */
    private static float[] values(Tensor t) {
        return t == null ? null : t.isFloat32() ? t.floatData() : t.to(DType.FLOAT32).floatData();
    }

    private static boolean wants(Tensor t) {
        return t != null && t.requiresGrad();
    }

    /** A zero gradient array for {@code t}, or null when t needs no gradient. */
    private static float[] zerosFor(Tensor t) {
        return wants(t) ? new float[t.numel()] : null;
    }

    private static Tensor wrapLike(float[] data, Tensor like) {
        return data == null ? null : Tensor.wrap(data, like.shapeArray());
    }

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
