package rnncourse.data;

import java.util.Arrays;

import rnncourse.tensor.Tensor;

/**
 * Train/test splits along dimension 0 without shuffling: for time series, where the model must be
 * tested on a period after the one it learned from.
 */
public final class Split {
    private Split() {
    }

    /** The two parts of a split. */
    public record Parts(Tensor train, Tensor test) {
    }

    /**
     * The number of training rows for {@code n} rows: {@code (int) (n * fraction)}, rounded down like
     * Python's {@code int(len(xy) * 0.7)}.
     *
     * @throws IllegalArgumentException if the fraction is not strictly between 0 and 1 or either part
     *     would be empty
     */
    public static int trainSize(int n, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("Split: trainFraction must be strictly between 0 and 1, got " + fraction);
        }
        int k = (int) (n * fraction);
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("Split: a fraction of " + fraction + " of " + n + " rows gives " + k
                    + " training rows; both parts must be non-empty");
        }
        return k;
    }

    /**
     * The first {@link #trainSize(int, double)} rows as training data and the rest as test data, in
     * their original order.
     */
    public static Parts sequential(Tensor data, double trainFraction) {
        return sequential(data, trainFraction, 0);
    }

    /**
     * Like {@link #sequential(Tensor, double)}, but the test part starts {@code testOverlap} rows
     * earlier, so that after windowing with a window of that length the first test target is the first
     * row after the training period (the stock lesson's {@code xy[train_size - seq_length:]}).
     *
     * @throws IllegalArgumentException if the overlap is negative or not smaller than the training part
     */
    public static Parts sequential(Tensor data, double trainFraction, int testOverlap) {
        if (data.dim() == 0) {
            throw new IllegalArgumentException("Split.sequential: expected at least 1-D data, got a scalar");
        }
        int n = data.size(0);
        int k = trainSize(n, trainFraction);
        if (testOverlap < 0 || testOverlap >= k) {
            throw new IllegalArgumentException("Split.sequential: testOverlap must be in 0.." + (k - 1) + " for "
                    + k + " training rows, got " + testOverlap + " (data shape " + Arrays.toString(data.shapeArray())
                    + ")");
        }
        return new Parts(data.slice(0, 0, k).contiguous(), data.slice(0, k - testOverlap, n).contiguous());
    }
}
