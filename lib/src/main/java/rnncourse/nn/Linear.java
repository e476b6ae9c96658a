package rnncourse.nn;

import rnncourse.tensor.Autograd;
import rnncourse.tensor.DType;
import rnncourse.tensor.Matmul;
import rnncourse.tensor.Tensor;

/**
 * A fully connected layer, like {@code torch.nn.Linear}: {@code y = x·Wᵀ + b} applied to the last
 * dimension of the input, with {@code weight} of shape (out_features, in_features) and {@code bias}
 * of shape (out_features), both initialised U(-1/√in, 1/√in) as PyTorch does.
 *
 * <p>The whole layer is one autograd node computed with one GEMM, so a tiny layer costs a few plain
 * Java loops and a large one a single BLAS call, in both directions.
 */
public class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;

    /** {@code Linear(inFeatures, outFeatures)} with a bias. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** {@code Linear(inFeatures, outFeatures, bias)}. */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: in_features and out_features must be positive, got ("
                    + inFeatures + ", " + outFeatures + ")");
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        registerParameter("weight", Tensor.zeros(outFeatures, inFeatures));
        if (bias) {
            registerParameter("bias", Tensor.zeros(outFeatures));
        }
        resetParameters();
    }

    /** Re-draws the parameters from U(-1/√in, 1/√in) (weight first, then bias, as PyTorch). */
    public void resetParameters() {
        double bound = 1.0 / Math.sqrt(inFeatures);
        try (Tensor.NoGrad ignored = Tensor.noGrad()) {
            weight().uniform_(-bound, bound);
            if (bias() != null) {
                bias().uniform_(-bound, bound);
            }
        }
    }

    /** The weight, shape (out_features, in_features). */
    public Tensor weight() {
        return parameter("weight");
    }

    /** The bias, shape (out_features), or {@code null} when built without one. */
    public Tensor bias() {
        return parameter("bias");
    }

    /** Input features. */
    public int inFeatures() {
        return inFeatures;
    }

    /** Output features. */
    public int outFeatures() {
        return outFeatures;
    }

    /**
     * Applies the layer to the last dimension: (*, in_features) → (*, out_features).
     *
     * @throws IllegalArgumentException when the input's last dimension is not in_features
     */
    public Tensor forward(Tensor input) {
        int[] shape = input.shapeArray();
        if (shape.length == 0 || shape[shape.length - 1] != inFeatures) {
            throw new IllegalArgumentException("Linear: input.size(-1) must equal in_features=" + inFeatures
                    + ", got input of shape " + input.size());
        }
        Tensor w = weight();
        Tensor b = bias();
        Tensor x = input.dtype() == w.dtype() ? input : input.to(w.dtype());
        int rows = x.numel() / inFeatures;
        int[] outShape = shape.clone();
        outShape[outShape.length - 1] = outFeatures;
        Tensor out = Tensor.zeros(w.dtype(), outShape);
        if (b != null) {
            fillRows(out, b, rows);
        }
        Matmul.gemm(false, true, rows, outFeatures, inFeatures, x, 0, w, 0, b != null ? 1.0 : 0.0, out, 0);
        Tensor xs = x;
        return Autograd.record("AddmmBackward0", out, g -> {
            Tensor gx = null;
            Tensor gw = null;
            Tensor gb = null;
            if (input.requiresGrad()) {
                gx = Tensor.zeros(w.dtype(), shape);
                Matmul.gemm(false, false, rows, inFeatures, outFeatures, g, 0, w, 0, 0.0, gx, 0);
                if (input.dtype() != w.dtype()) {
                    gx = gx.to(input.dtype());
                }
            }
            if (w.requiresGrad()) {
                gw = Tensor.zeros(w.dtype(), outFeatures, inFeatures);
                Matmul.gemm(true, false, outFeatures, inFeatures, rows, g, 0, xs, 0, 0.0, gw, 0);
            }
            if (b != null && b.requiresGrad()) {
                gb = sumRows(g, rows, outFeatures);
            }
            return new Tensor[]{gx, gw, gb};
        }, input, w, b);
    }

    /** Copies the bias into every row of out, so the GEMM can accumulate onto it (beta = 1). */
    private static void fillRows(Tensor out, Tensor b, int rows) {
        int n = b.numel();
        if (out.isFloat32()) {
            float[] o = out.floatData();
            float[] bb = b.floatData();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bb, 0, o, r * n, n);
            }
        } else {
            double[] o = out.doubleData();
            double[] bb = b.doubleData();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bb, 0, o, r * n, n);
            }
        }
    }

    /** Column sums of a (rows, n) gradient: the bias gradient. */
    static Tensor sumRows(Tensor g, int rows, int n) {
        Tensor out = Tensor.zeros(g.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32, n);
        if (g.isFloat32()) {
            float[] gg = g.floatData();
            float[] o = out.floatData();
            for (int r = 0; r < rows; r++) {
                int off = r * n;
                for (int j = 0; j < n; j++) {
                    o[j] += gg[off + j];
                }
            }
        } else {
            double[] gg = g.doubleData();
            double[] o = out.doubleData();
            for (int r = 0; r < rows; r++) {
                int off = r * n;
                for (int j = 0; j < n; j++) {
                    o[j] += gg[off + j];
                }
            }
        }
        return out;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias() != null ? "True" : "False");
    }
}
