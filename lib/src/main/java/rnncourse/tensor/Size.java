package rnncourse.tensor;

import java.util.Arrays;

/**
 * The shape of a tensor, printed the way PyTorch prints {@code x.shape}: {@code Size([1, 10, 8])}.
 * Immutable; {@link #equals(Object)} compares dimensions, and {@link #is(int...)} compares with literals.
 */
public final class Size {
    private final int[] dims;

    Size(int[] dims) {
        this.dims = dims.clone();
    }

    /** Builds a size from its dimensions. */
    public static Size of(int... dims) {
        return new Size(dims);
    }

    /** Number of dimensions. */
    public int dim() {
        return dims.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end, as in PyTorch. */
    public int get(int i) {
        int k = i < 0 ? i + dims.length : i;
        if (k < 0 || k >= dims.length) {
            throw new IndexOutOfBoundsException("Size" + Arrays.toString(dims) + ": dimension " + i
                    + " out of range for " + dims.length + " dimensions");
        }
        return dims[k];
    }

    /** Total number of elements. */
    public int numel() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.clone();
    }

    /** True when this size has exactly these dimensions. */
    public boolean is(int... expected) {
        return Arrays.equals(dims, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Size && Arrays.equals(dims, ((Size) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "Size(" + Arrays.toString(dims) + ")";
    }
}
