package rnncourse.nn.utils;

import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * A batch of sequences of different lengths packed without padding, like PyTorch's
 * {@code PackedSequence}: the sequences are ordered longest first, and {@code data} holds time
 * step 0 of every sequence, then step 1 of those still running, and so on.
 *
 * <p>Build one with {@link RnnUtils#packSequence} or {@link RnnUtils#packPaddedSequence}; give it to
 * {@code RNN}/{@code LSTM}/{@code GRU}; unpack results with {@link RnnUtils#padPackedSequence}.
 *
 * @param data            (sum of lengths, *) the packed rows, step by step
 * @param batchSizes      int64 (steps): how many sequences are still running at each step
 * @param sortedIndices   int64 (batch): original index of the k-th longest sequence, or null when the
 *                        input was already sorted ({@code enforceSorted = true})
 * @param unsortedIndices int64 (batch): the inverse permutation of {@code sortedIndices}, or null
 */
public record PackedSequence(Tensor data, Tensor batchSizes, Tensor sortedIndices, Tensor unsortedIndices) {
    /** Checks that the parts fit together. */
    public PackedSequence {
        if (data == null || batchSizes == null) {
            throw new IllegalArgumentException("PackedSequence: data and batchSizes must not be null");
        }
        if (batchSizes.dim() != 1 || batchSizes.dtype() != DType.INT64) {
            throw new IllegalArgumentException("PackedSequence: batchSizes must be a 1-D int64 tensor, got "
                    + batchSizes.dtype().torchName() + " of shape " + batchSizes.size());
        }
        if (data.dim() < 1) {
            throw new IllegalArgumentException("PackedSequence: data must have at least one dimension");
        }
        int[] bs = batchSizes.toIntArray();
        long sum = 0;
        for (int t = 0; t < bs.length; t++) {
            if (bs[t] <= 0 || (t > 0 && bs[t] > bs[t - 1])) {
                throw new IllegalArgumentException("PackedSequence: batch sizes must be positive and non-increasing, got "
                        + java.util.Arrays.toString(bs));
            }
            sum += bs[t];
        }
        if (sum != data.size(0)) {
            throw new IllegalArgumentException("PackedSequence: batch sizes add up to " + sum
                    + " rows but data has " + data.size(0));
        }
        if ((sortedIndices == null) != (unsortedIndices == null)) {
            throw new IllegalArgumentException("PackedSequence: give both sortedIndices and unsortedIndices or neither");
        }
        if (sortedIndices != null && (sortedIndices.numel() != (bs.length == 0 ? 0 : bs[0])
                || unsortedIndices.numel() != sortedIndices.numel())) {
            throw new IllegalArgumentException("PackedSequence: expected " + (bs.length == 0 ? 0 : bs[0])
                    + " sorted and unsorted indices, got " + sortedIndices.numel() + " and " + unsortedIndices.numel());
        }
    }

    /** The batch sizes as ints. */
    public int[] batchSizesArray() {
        return batchSizes.toIntArray();
    }

    /** Number of sequences in the batch. */
    public int batch() {
        return batchSizes.numel() == 0 ? 0 : (int) batchSizes.getFlat(0);
    }

    /** A packed sequence with the same structure and other rows (e.g. a layer's outputs). */
    public PackedSequence withData(Tensor newData) {
        return new PackedSequence(newData, batchSizes, sortedIndices, unsortedIndices);
    }

    /** Printed like PyTorch's. */
    @Override
    public String toString() {
        return "PackedSequence(data=" + data + ", batch_sizes=" + batchSizes + ", sorted_indices="
                + (sortedIndices == null ? "None" : sortedIndices) + ", unsorted_indices="
                + (unsortedIndices == null ? "None" : unsortedIndices) + ")";
    }
}
