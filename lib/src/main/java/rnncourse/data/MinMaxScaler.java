package rnncourse.data;

import java.util.Arrays;

import rnncourse.tensor.Tensor;

/**
 * Scales each column (feature) into [0, 1] with {@code (x - min) / (max - min + 1e-7)}, the formula of
 * the stock lesson; the 1e-7 keeps a constant column from dividing by zero.
 *
 * <p>Fit it on the training part only, then transform both parts with the training minimum and
 * maximum, so nothing about the test period leaks into training. Test values may then fall slightly
 * outside [0, 1], which is expected.
 */
public final class MinMaxScaler {
    /** Added to the range so that a constant column does not divide by zero. */
    public static final double EPSILON = 1e-7;

    private double[] min;
    private double[] max;

    /** An unfitted scaler. */
    public MinMaxScaler() {
    }

    /**
     * Learns each column's minimum and maximum from {@code data} of shape (N, F) (or any shape whose
     * last dimension is the feature, e.g. (N, T, F)).
     *
     * @return this scaler, for chaining
     * @throws IllegalArgumentException if {@code data} is 0-D or has no rows
     */
    public MinMaxScaler fit(Tensor data) {
        int f = features("fit", data);
        int rows = data.numel() / f;
        if (rows == 0) {
            throw new IllegalArgumentException("MinMaxScaler.fit: data of shape " + Arrays.toString(data.shapeArray())
                    + " has no rows");
        }
        double[] lo = new double[f];
        double[] hi = new double[f];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < f; c++) {
                double v = data.getFlat(r * f + c);
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("MinMaxScaler.fit: row " + r + ", column " + c + " is NaN");
                }
                lo[c] = Math.min(lo[c], v);
                hi[c] = Math.max(hi[c], v);
            }
        }
        min = lo;
        max = hi;
        return this;
    }

    /**
     * The scaled copy of {@code data}, whose last dimension must have as many columns as the fitted
     * data. Same shape and type as the input; not recorded for autograd.
     *
     * @throws IllegalStateException if the scaler was not fitted
     * @throws IllegalArgumentException if the column count differs from the fitted one
     */
    public Tensor transform(Tensor data) {
        checkFitted("transform");
        int f = features("transform", data);
        if (f != min.length) {
            throw new IllegalArgumentException("MinMaxScaler.transform: expected " + min.length
                    + " columns (as fitted), got shape " + Arrays.toString(data.shapeArray()));
        }
        Tensor out = Tensor.zeros(data.dtype(), data.shapeArray());
        int n = data.numel();
        for (int k = 0; k < n; k++) {
            int c = k % f;
            out.setFlat(k, (data.getFlat(k) - min[c]) / (max[c] - min[c] + EPSILON));
        }
        return out;
    }

    /** {@link #fit(Tensor)} then {@link #transform(Tensor)} on the same data. */
    public Tensor fitTransform(Tensor data) {
        return fit(data).transform(data);
    }

    /**
     * Undoes the scaling of one column: {@code x * (max - min + 1e-7) + min} with the fitted values of
     * {@code column}, e.g. to turn predicted scaled closing prices back into dollars. {@code scaled}
     * has shape (N, 1) or (N).
     *
     * @throws IllegalStateException if the scaler was not fitted
     * @throws IllegalArgumentException if the column is out of range or the shape is not (N, 1)/(N)
     */
    public Tensor inverseTransform(Tensor scaled, int column) {
        checkFitted("inverseTransform");
        int col = column < 0 ? column + min.length : column;
        if (col < 0 || col >= min.length) {
            throw new IllegalArgumentException("MinMaxScaler.inverseTransform: column must be in 0.."
                    + (min.length - 1) + ", got " + column);
        }
        boolean oneColumn = scaled.dim() == 1 || (scaled.dim() == 2 && scaled.size(1) == 1);
        if (!oneColumn) {
            throw new IllegalArgumentException("MinMaxScaler.inverseTransform: expected one column of shape (N, 1)"
                    + " or (N), got " + Arrays.toString(scaled.shapeArray()));
        }
        Tensor out = Tensor.zeros(scaled.dtype(), scaled.shapeArray());
        double range = max[col] - min[col] + EPSILON;
        for (int k = 0; k < scaled.numel(); k++) {
            out.setFlat(k, scaled.getFlat(k) * range + min[col]);
        }
        return out;
    }

    /**
     * Undoes the scaling of all columns of {@code scaled} (last dimension = the fitted columns).
     *
     * @throws IllegalStateException if the scaler was not fitted
     */
    public Tensor inverseTransform(Tensor scaled) {
        checkFitted("inverseTransform");
        int f = features("inverseTransform", scaled);
        if (f != min.length) {
            throw new IllegalArgumentException("MinMaxScaler.inverseTransform: expected " + min.length
                    + " columns (as fitted), got shape " + Arrays.toString(scaled.shapeArray()));
        }
        Tensor out = Tensor.zeros(scaled.dtype(), scaled.shapeArray());
        for (int k = 0; k < scaled.numel(); k++) {
            int c = k % f;
            out.setFlat(k, scaled.getFlat(k) * (max[c] - min[c] + EPSILON) + min[c]);
        }
        return out;
    }

    /** Whether {@link #fit(Tensor)} has been called. */
    public boolean isFitted() {
        return min != null;
    }

    /** A copy of the fitted per-column minima. */
    public double[] min() {
        checkFitted("min");
        return min.clone();
    }

    /** A copy of the fitted per-column maxima. */
    public double[] max() {
        checkFitted("max");
        return max.clone();
    }

    /** The fitted minima and maxima, or "unfitted". */
    @Override
    public String toString() {
        return min == null ? "MinMaxScaler(unfitted)"
                : "MinMaxScaler(min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + ")";
    }

    private void checkFitted(String what) {
        if (min == null) {
            throw new IllegalStateException("MinMaxScaler." + what + ": the scaler is not fitted yet; call fit(train)"
                    + " first");
        }
    }

    private static int features(String what, Tensor data) {
        if (data.dim() == 0) {
            throw new IllegalArgumentException("MinMaxScaler." + what + ": expected data of shape (N, F), got a scalar");
        }
        int f = data.size(data.dim() - 1);
        if (f == 0) {
            throw new IllegalArgumentException("MinMaxScaler." + what + ": data of shape "
                    + Arrays.toString(data.shapeArray()) + " has no columns");
        }
        if (data.dim() == 1) {
            throw new IllegalArgumentException("MinMaxScaler." + what + ": expected data of shape (N, F), got 1-D shape "
                    + Arrays.toString(data.shapeArray()) + " (use reshape(-1, 1) for a single column)");
        }
        return f;
    }
}
