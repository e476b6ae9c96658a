package rnncourse.tensor;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Tensors made from Java values, from patterns ({@code arange}, {@code eye}, one-hot) and from the
 * global {@link Generator}. None of them is recorded: a new tensor is a leaf.
 */
final class Creation {
    private Creation() {
    }

    /** A new zero-filled tensor. */
    static Tensor zeros(DType dtype, int[] shape) {
        int n = Shapes.numel(shape);
        return dtype == DType.FLOAT32 ? new Tensor(shape.clone(), dtype, new float[n], null)
                : new Tensor(shape.clone(), dtype, null, new double[n]);
    }

    /** A 1-D float32 tensor of the values. */
    static Tensor floats(double[] values) {
        Tensor t = Tensor.zeros(values.length);
        for (int i = 0; i < values.length; i++) {
            t.f[i] = (float) values[i];
        }
        return t;
    }

    /** A 1-D int64 tensor of the values. */
    static Tensor longs(long[] values) {
        Tensor t = Tensor.zeros(DType.INT64, values.length);
        for (int i = 0; i < values.length; i++) {
            t.d[i] = values[i];
        }
        return t;
    }

    /** The shape {@code fromArray} gives {@code length} values: {@code shape} (one -1 allowed), or 1-D when empty. */
    static int[] shapeOf(int length, int[] shape) {
        return shape.length == 0 ? new int[]{length} : Shapes.inferView(shape, length);
    }

    /** A copy of the values with no history. */
    static Tensor copyOf(Tensor t) {
        return t.f != null ? new Tensor(t.shape.clone(), t.dtype, t.f.clone(), null)
                : new Tensor(t.shape.clone(), t.dtype, null, t.d.clone());
    }

    /** A float32 matrix from rows of equal length. */
    static Tensor fromRows(double[][] rows) {
        int cols = rectangular("tensor", rows.length, i -> rows[i].length);
        Tensor t = Tensor.zeros(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols; j++) {
                t.f[i * cols + j] = (float) rows[i][j];
            }
        }
        return t;
    }

    /** An int64 matrix from rows of equal length. */
    static Tensor fromRows(int[][] rows) {
        int cols = rectangular("tensorLong", rows.length, i -> rows[i].length);
        Tensor t = Tensor.zeros(DType.INT64, rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols; j++) {
                t.d[i * cols + j] = rows[i][j];
            }
        }
        return t;
    }

    /** The common row length (0 for no rows), or an error naming the first row that differs from row 0. */
    private static int rectangular(String op, int rows, IntUnaryOperator lengthOf) {
        int cols = rows == 0 ? 0 : lengthOf.applyAsInt(0);
        for (int i = 1; i < rows; i++) {
            int len = lengthOf.applyAsInt(i);
            if (len != cols) {
                throw new IllegalArgumentException(op + ": row " + i + " has " + len
                        + " values, expected " + cols + " like row 0");
            }
        }
        return cols;
    }

    static Tensor fromBlocks(double[][][] blocks) {
        if (blocks.length == 0) {
            return Tensor.zeros(0, 0, 0);
        }
        Tensor first = fromRows(blocks[0]);
        Tensor[] parts = new Tensor[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            parts[i] = fromRows(blocks[i]);
            if (!parts[i].size().equals(first.size())) {
                throw new IllegalArgumentException("tensor: block " + i + " has shape " + parts[i].size()
                        + ", expected " + first.size() + " like block 0");
            }
        }
        return ShapeOps.stack(Arrays.asList(parts), 0);
    }

    /** An int64 tensor of {@code shape} (empty: 1-D) holding {@code values}. */
    static Tensor longs(int[] values, int[] shape) {
        int[] s = shape.length == 0 ? new int[]{values.length} : Shapes.inferView(shape, values.length);
        Tensor t = Tensor.zeros(DType.INT64, s);
        for (int i = 0; i < values.length; i++) {
            t.d[i] = values[i];
        }
        return t;
    }

    static Tensor arange(int n) {
        Tensor t = Tensor.zeros(DType.INT64, n);
        for (int i = 0; i < n; i++) {
            t.d[i] = i;
        }
        return t;
    }

    static Tensor eye(int n) {
        Tensor t = Tensor.zeros(n, n);
        for (int i = 0; i < n; i++) {
            t.f[i * n + i] = 1f;
        }
        return t;
    }

    static Tensor oneHot(Tensor indices, int numClasses) {
        int n = indices.numel();
        Tensor t = Tensor.zeros(Shapes.insert(indices.shape, indices.shape.length, numClasses));
        for (int i = 0; i < n; i++) {
            double v = indices.getFlat(i);
            int k = (int) v;
            if (k != v || k < 0 || k >= numClasses) {
                throw new IllegalArgumentException("oneHot: index " + v + " at position " + i
                        + " is out of range for " + numClasses + " classes");
            }
            t.f[i * numClasses + k] = 1f;
        }
        return t;
    }

    // ------------------------------------------------------------------ from the generator

    static Tensor rand(Generator gen, int[] shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.f.length; i++) {
            t.f[i] = (float) gen.nextDouble();
        }
        return t;
    }

    static Tensor randn(Generator gen, int[] shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.f.length; i++) {
            t.f[i] = (float) gen.nextGaussian();
        }
        return t;
    }

    static Tensor uniform(Tensor t, Generator gen, double lo, double hi) {
        for (int i = 0; i < t.numel(); i++) {
            t.setFlat(i, gen.uniform(lo, hi));
        }
        return t;
    }

    static Tensor normal(Tensor t, Generator gen, double mean, double std) {
        for (int i = 0; i < t.numel(); i++) {
            t.setFlat(i, mean + std * gen.nextGaussian());
        }
        return t;
    }

    /** {@code numSamples} draws with replacement from the 1-D weights {@code w}, as int64 indices. */
    static Tensor multinomial(Tensor w, Generator gen, int numSamples) {
        if (w.dim() != 1) {
            throw new IllegalArgumentException("multinomial: expected a 1-D tensor of probabilities, got shape " + w.size());
        }
        int n = w.shape[0];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double v = w.getFlat(i);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("multinomial: weights must be finite and >= 0, got " + v + " at index " + i);
            }
            total += v;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("multinomial: the weights sum to 0; nothing to draw from");
        }
        Tensor out = Tensor.zeros(DType.INT64, numSamples);
        for (int s = 0; s < numSamples; s++) {
            double u = gen.nextDouble() * total;
            int pick = n - 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += w.getFlat(i);
                if (u < acc) {
                    pick = i;
                    break;
                }
            }
            out.setFlat(s, pick);
        }
        return out;
    }
}
