package rnncourse.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by the tensor operations: sizes, strides, broadcasting, dim checks. */
final class Shapes {
    private Shapes() {
    }

    /**
     * The element count of {@code shape}, refusing a negative dimension or a count beyond an int. The
     * product is checked after every factor: a running product below 2^31 times an int stays inside
     * a long, so no factor can wrap it (65536^4 is 2^64, which a plain long product turns into 0).
     */
    static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d + " in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more than 2^31 - 1 elements, more than a Java array holds");
            }
        }
        return (int) n;
    }

    /**
     * Row-major strides of {@code shape}. A product of trailing sizes beyond an int is possible only
     * when an earlier size is 0 (else {@link #numel} refuses the shape), so no element is ever reached
     * through it; it is saturated rather than wrapped so that it never turns negative.
     */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = (int) Math.min(acc, Integer.MAX_VALUE);
            acc = Math.min(acc * shape[i], 1L << 32);
        }
        return s;
    }

    /** Normalises a possibly negative dim against {@code ndim}, naming the operation on failure. */
    static int dim(String op, int dim, int ndim) {
        int d = dim < 0 ? dim + ndim : dim;
        if (d < 0 || d >= ndim) {
            throw new IndexOutOfBoundsException(op + ": dimension " + dim + " out of range for a tensor with "
                    + ndim + " dimension" + (ndim == 1 ? "" : "s") + " (expected in [" + (-ndim) + ", " + (ndim - 1) + "])");
        }
        return d;
    }

    static String str(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.append(shape.length == 0 ? "scalar)" : ")").toString();
    }

    static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
            int db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast: dimension " + i + " is " + da + " vs " + db);
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Strides of {@code shape} seen from the broadcast {@code out} shape (0 along broadcast dims). */
    static int[] broadcastStrides(int[] shape, int[] out) {
        int[] own = strides(shape);
        int[] s = new int[out.length];
        int off = out.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            s[i + off] = shape[i] == 1 ? 0 : own[i];
        }
        return s;
    }

    /** Resolves one -1 in a view shape. */
    static int[] inferView(int[] requested, int numel) {
        int[] shape = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("view: only one dimension can be -1, got " + Arrays.toString(requested));
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("view: invalid dimension " + shape[i] + " in " + Arrays.toString(requested));
            } else {
                known = Math.min(known * shape[i], 1L << 32);   // saturated: above numel either way
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("view: shape " + Arrays.toString(requested) + " is invalid for input of size " + numel);
            }
            shape[infer] = (int) (numel / known);
        }
        if (numel(shape) != numel) {
            throw new IllegalArgumentException("view: shape " + Arrays.toString(requested) + " is invalid for input of size " + numel);
        }
        return shape;
    }

    /** outer·size·inner decomposition around {@code dim}. */
    static int outer(int[] shape, int dim) {
        return product(shape, 0, dim);
    }

    static int inner(int[] shape, int dim) {
        return product(shape, dim + 1, shape.length);
    }

    /** The product of {@code shape[from..to)}, which exceeds an int only in a zero-element shape. */
    private static int product(int[] shape, int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) {
            n *= shape[i];
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": the sizes of dimensions "
                        + from + ".." + (to - 1) + " multiply to more than 2^31 - 1");
            }
        }
        return (int) n;
    }

    static int[] remove(int[] shape, int dim) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != dim) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    static int[] insert(int[] shape, int dim, int size) {
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == dim ? size : shape[j++];
        }
        return out;
    }

    static int[] with(int[] shape, int dim, int size) {
        int[] out = shape.clone();
        out[dim] = size;
        return out;
    }

    /** The row-major position of a full index (negative coordinates count from the end). */
    static int flatIndex(int[] shape, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates for a tensor of shape " + Arrays.toString(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " is out of bounds for dimension " + i
                        + " with size " + shape[i]);
            }
            flat = flat * shape[i] + k;
        }
        return flat;
    }
}
