package rnncourse.nn.utils;

import java.util.Arrays;
import java.util.List;
import rnncourse.tensor.Autograd;
import rnncourse.tensor.Tensor;

/**
 * Padding and packing batches of variable-length sequences, like PyTorch's
 * {@code torch.nn.utils.rnn}: {@link #padSequence}, {@link #packSequence},
 * {@link #packPaddedSequence} and {@link #padPackedSequence}. All of them are differentiable
 * (gradients flow from the result back to the sequences).
 */
public final class RnnUtils {
    private RnnUtils() {
    }

    /**
     * What {@link #padPackedSequence} returns, like PyTorch's {@code (padded, lengths)}.
     *
     * @param padded  (T, B, *) or (B, T, *) with padding after each sequence's end
     * @param lengths int64 (B): each sequence's length, in the original batch order
     */
    public record Padded(Tensor padded, Tensor lengths) {
    }

    /** {@code padSequence(sequences, false, 0)}: a (T_max, B, *) tensor. */
    public static Tensor padSequence(List<Tensor> sequences) {
        return padSequence(sequences, false, 0);
    }

    /** {@code padSequence(sequences, batchFirst, 0)}. */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst) {
        return padSequence(sequences, batchFirst, 0);
    }

    /**
     * Stacks sequences of shape (L_i, *) into one tensor padded with {@code paddingValue}: (T_max, B, *),
     * or (B, T_max, *) with {@code batchFirst}.
     */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst, double paddingValue) {
        if (sequences == null || sequences.isEmpty()) {
            throw new IllegalArgumentException("padSequence: expected at least one sequence");
        }
        Tensor first = sequences.get(0);
        if (first.dim() < 1) {
            throw new IllegalArgumentException("padSequence: sequences must have at least one dimension (time), "
                    + "sequence 0 is a scalar");
        }
        int[] trailing = Arrays.copyOfRange(first.shapeArray(), 1, first.dim());
        int rowLen = 1;
        for (int s : trailing) {
            rowLen *= s;
        }
        int maxLen = 0;
        for (int i = 0; i < sequences.size(); i++) {
            Tensor s = sequences.get(i);
            if (s.dim() != first.dim() || !Arrays.equals(Arrays.copyOfRange(s.shapeArray(), 1, s.dim()), trailing)) {
                throw new IllegalArgumentException("padSequence: sequence " + i + " has shape " + s.size()
                        + " but sequence 0 has " + first.size() + "; all must agree after the first dimension");
            }
            if (s.dtype() != first.dtype()) {
                throw new IllegalArgumentException("padSequence: sequence " + i + " is " + s.dtype().torchName()
                        + " but sequence 0 is " + first.dtype().torchName());
            }
            maxLen = Math.max(maxLen, s.size(0));
        }
        int batch = sequences.size();
        int[] outShape = new int[trailing.length + 2];
        outShape[0] = batchFirst ? batch : maxLen;
        outShape[1] = batchFirst ? maxLen : batch;
        System.arraycopy(trailing, 0, outShape, 2, trailing.length);
        Tensor out = Tensor.zeros(first.dtype(), outShape);
        if (paddingValue != 0) {
            out.fill_(paddingValue);
        }
        final int rl = rowLen;
        for (int b = 0; b < batch; b++) {
            Tensor s = sequences.get(b);
            for (int t = 0; t < s.size(0); t++) {
                copy(s, t * rl, out, rowIndex(batchFirst, t, b, maxLen, batch) * rl, rl);
            }
        }
        Tensor[] inputs = sequences.toArray(new Tensor[0]);
        final int tMax = maxLen;
        return Autograd.record("PadSequenceBackward0", out, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int b = 0; b < inputs.length; b++) {
                Tensor gs = Tensor.zeros(g.dtype(), inputs[b].shapeArray());
                for (int t = 0; t < inputs[b].size(0); t++) {
                    copy(g, rowIndex(batchFirst, t, b, tMax, batch) * rl, gs, t * rl, rl);
                }
                grads[b] = gs;
            }
            return grads;
        }, inputs);
    }

    /** {@code packSequence(sequences, true)}: the sequences must already be longest first. */
    public static PackedSequence packSequence(List<Tensor> sequences) {
        return packSequence(sequences, true);
    }

    /**
     * Packs sequences of shape (L_i, *). With {@code enforceSorted} they must be ordered by
     * decreasing length; without, they are sorted here and the permutation is kept in the result.
     */
    public static PackedSequence packSequence(List<Tensor> sequences, boolean enforceSorted) {
        int[] lengths = new int[sequences == null ? 0 : sequences.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = sequences.get(i).size(0);
        }
        return packPaddedSequence(padSequence(sequences), lengths, false, enforceSorted);
    }

    /** {@link #packPaddedSequence(Tensor, int[], boolean, boolean)} with lengths as a tensor. */
    public static PackedSequence packPaddedSequence(Tensor input, Tensor lengths, boolean batchFirst,
                                                    boolean enforceSorted) {
        return packPaddedSequence(input, lengths.toIntArray(), batchFirst, enforceSorted);
    }

    /**
     * Packs a padded batch (T, B, *), or (B, T, *) with {@code batchFirst}, whose sequence b has
     * {@code lengths[b]} real steps. With {@code enforceSorted} the lengths must not increase.
     */
    public static PackedSequence packPaddedSequence(Tensor input, int[] lengths, boolean batchFirst,
                                                    boolean enforceSorted) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException("packPaddedSequence: input must be at least 2-D "
                    + (batchFirst ? "(batch, seq_len, *)" : "(seq_len, batch, *)") + ", got shape " + input.size());
        }
        int steps = input.size(batchFirst ? 1 : 0);
        int batch = input.size(batchFirst ? 0 : 1);
        if (lengths.length != batch) {
            throw new IllegalArgumentException("packPaddedSequence: expected " + batch + " lengths (the batch size of "
                    + "input " + input.size() + (batchFirst ? " with batchFirst" : "") + "), got " + lengths.length);
        }
        for (int b = 0; b < batch; b++) {
            if (lengths[b] <= 0 || lengths[b] > steps) {
                throw new IllegalArgumentException("packPaddedSequence: every length must be in 1.." + steps
                        + " (the padded length), but lengths[" + b + "] = " + lengths[b]);
            }
        }
        int[] order = new int[batch];
        Integer[] boxed = new Integer[batch];
        for (int b = 0; b < batch; b++) {
            boxed[b] = b;
            order[b] = b;
        }
        if (enforceSorted) {
            for (int b = 1; b < batch; b++) {
                if (lengths[b] > lengths[b - 1]) {
                    throw new IllegalArgumentException("packPaddedSequence: lengths " + Arrays.toString(lengths)
                            + " must be sorted in decreasing order when enforceSorted is true; pass enforceSorted = "
                            + "false to have them sorted for you");
                }
            }
        } else {
            Arrays.sort(boxed, (p, q) -> Integer.compare(lengths[q], lengths[p]));
            for (int b = 0; b < batch; b++) {
                order[b] = boxed[b];
            }
        }
        int tEff = lengths[order[0]];
        int[] bs = new int[tEff];
        int rows = 0;
        for (int t = 0; t < tEff; t++) {
            int n = 0;
            while (n < batch && lengths[order[n]] > t) {
                n++;
            }
            bs[t] = n;
            rows += n;
        }
        int[] src = new int[rows];
        int r = 0;
        for (int t = 0; t < tEff; t++) {
            for (int k = 0; k < bs[t]; k++) {
                src[r++] = rowIndex(batchFirst, t, order[k], steps, batch);
            }
        }
        int[] dataShape = Arrays.copyOfRange(input.shapeArray(), 1, input.dim());
        dataShape[0] = rows;
        Tensor data = gatherRows(input, src, dataShape);
        Tensor sorted = null;
        Tensor unsorted = null;
        if (!enforceSorted) {
            int[] inverse = new int[batch];
            for (int k = 0; k < batch; k++) {
                inverse[order[k]] = k;
            }
            sorted = Tensor.tensorLong(order);
            unsorted = Tensor.tensorLong(inverse);
        }
        return new PackedSequence(data, Tensor.tensorLong(bs), sorted, unsorted);
    }

    /** {@code padPackedSequence(sequence, false, 0, 0)}. */
    public static Padded padPackedSequence(PackedSequence sequence) {
        return padPackedSequence(sequence, false, 0, 0);
    }

    /** {@code padPackedSequence(sequence, batchFirst, 0, 0)}. */
    public static Padded padPackedSequence(PackedSequence sequence, boolean batchFirst) {
        return padPackedSequence(sequence, batchFirst, 0, 0);
    }

    /**
     * Undoes packing: (T, B, *) or (B, T, *) padded with {@code paddingValue}, sequences in their
     * original order, and their lengths. {@code totalLength} &gt; 0 pads to that many steps (it must be
     * at least the longest length); 0 pads to the longest.
     */
    public static Padded padPackedSequence(PackedSequence sequence, boolean batchFirst, double paddingValue,
                                           int totalLength) {
        int[] bs = sequence.batchSizesArray();
        int tEff = bs.length;
        if (totalLength > 0 && totalLength < tEff) {
            throw new IllegalArgumentException("padPackedSequence: totalLength = " + totalLength
                    + " is less than the longest sequence's length " + tEff);
        }
        int steps = totalLength > 0 ? totalLength : tEff;
        int batch = sequence.batch();
        int[] sortedIdx = sequence.sortedIndices() == null ? null : sequence.sortedIndices().toIntArray();
        Tensor data = sequence.data();
        int rows = data.size(0);
        int[] dst = new int[rows];
        int r = 0;
        for (int t = 0; t < tEff; t++) {
            for (int k = 0; k < bs[t]; k++) {
                int b = sortedIdx == null ? k : sortedIdx[k];
                dst[r++] = rowIndex(batchFirst, t, b, steps, batch);
            }
        }
        int[] outShape = new int[data.dim() + 1];
        outShape[0] = batchFirst ? batch : steps;
        outShape[1] = batchFirst ? steps : batch;
        System.arraycopy(data.shapeArray(), 1, outShape, 2, data.dim() - 1);
        Tensor padded = scatterRows(data, dst, outShape, paddingValue);
        int[] lengths = new int[batch];
        for (int t = 0; t < tEff; t++) {
            for (int k = 0; k < bs[t]; k++) {
                lengths[sortedIdx == null ? k : sortedIdx[k]]++;
            }
        }
        return new Padded(padded, Tensor.tensorLong(lengths));
    }

    private static int rowIndex(boolean batchFirst, int t, int b, int steps, int batch) {
        return batchFirst ? b * steps + t : t * batch + b;
    }

    /** out[i] = row src[i] of input (rows of numel/rows elements), recorded. */
    private static Tensor gatherRows(Tensor input, int[] src, int[] outShape) {
        int total = input.size(0) * input.size(1);
        int rowLen = input.numel() / Math.max(total, 1);
        Tensor out = Tensor.zeros(input.dtype(), outShape);
        for (int i = 0; i < src.length; i++) {
            copy(input, src[i] * rowLen, out, i * rowLen, rowLen);
        }
        int[] inShape = input.shapeArray();
        return Autograd.record("PackPaddedSequenceBackward0", out, g -> {
            Tensor gi = Tensor.zeros(g.dtype(), inShape);
            for (int i = 0; i < src.length; i++) {
                copy(g, i * rowLen, gi, src[i] * rowLen, rowLen);
            }
            return new Tensor[]{gi};
        }, input);
    }

    /** A tensor of outShape filled with {@code fill} whose row dst[i] is row i of data, recorded. */
    private static Tensor scatterRows(Tensor data, int[] dst, int[] outShape, double fill) {
        int rowLen = data.size(0) == 0 ? 0 : data.numel() / data.size(0);
        Tensor out = Tensor.zeros(data.dtype(), outShape);
        if (fill != 0) {
            out.fill_(fill);
        }
        for (int i = 0; i < dst.length; i++) {
            copy(data, i * rowLen, out, dst[i] * rowLen, rowLen);
        }
        int[] inShape = data.shapeArray();
        return Autograd.record("PadPackedSequenceBackward0", out, g -> {
            Tensor gd = Tensor.zeros(g.dtype(), inShape);
            for (int i = 0; i < dst.length; i++) {
                copy(g, dst[i] * rowLen, gd, i * rowLen, rowLen);
            }
            return new Tensor[]{gd};
        }, data);
    }

    private static void copy(Tensor src, int srcOff, Tensor dst, int dstOff, int len) {
        if (src.isFloat32() && dst.isFloat32()) {
            System.arraycopy(src.floatData(), srcOff, dst.floatData(), dstOff, len);
        } else if (!src.isFloat32() && !dst.isFloat32()) {
            System.arraycopy(src.doubleData(), srcOff, dst.doubleData(), dstOff, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst.setFlat(dstOff + i, src.getFlat(srcOff + i));
            }
        }
    }
}
