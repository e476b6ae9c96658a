package rnncourse.tensor;

/**
 * Operations that reduce along a dimension or over the whole tensor (sum, max, the softmax
 * family), each with its backward rule, and the comparisons that reduce two tensors to one answer.
 * A dimension may be negative (counted from the end); every loop walks the tensor as
 * outer × n × inner around the reduced dimension of size n.
 */
final class Reductions {
    private Reductions() {
    }

    /** Sum of all elements, a scalar; backward: g broadcast back to the input's shape. */
    static Tensor sum(Tensor x) {
        double s = 0;
        for (int i = 0; i < x.numel(); i++) {
            s += x.getFlat(i);
        }
        Tensor out = Tensor.zeros(x.dtype, new int[0]);
        out.setFlat(0, s);
        return Autograd.record("SumBackward0", out, g -> new Tensor[]{Broadcast.expandCopy(g, x.shape)}, x);
    }

    /** Sum along {@code dim}; backward: g repeated along it. */
    static Tensor sum(Tensor x, int dim, boolean keepdim) {
        int[] shape = x.shape;
        int dd = Shapes.dim("sum", dim, shape.length);
        int outer = Shapes.outer(shape, dd);
        int n = shape[dd];
        int inner = Shapes.inner(shape, dd);
        Tensor out = Tensor.zeros(x.dtype, keepdim ? Shapes.with(shape, dd, 1) : Shapes.remove(shape, dd));
        if (x.f != null) {
            float[] f = x.f;
            float[] o = out.f;
            for (int k0 = 0; k0 < outer; k0++) {
                for (int k = 0; k < n; k++) {
                    int src = (k0 * n + k) * inner;
                    int dst = k0 * inner;
                    for (int i = 0; i < inner; i++) {
                        o[dst + i] += f[src + i];
                    }
                }
            }
        } else {
            double[] d = x.d;
            double[] o = out.d;
            for (int k0 = 0; k0 < outer; k0++) {
                for (int k = 0; k < n; k++) {
                    for (int i = 0; i < inner; i++) {
                        o[k0 * inner + i] += d[(k0 * n + k) * inner + i];
                    }
                }
            }
        }
        int[] kept = Shapes.with(shape, dd, 1);
        return Autograd.record("SumBackward1", out, g -> new Tensor[]{Broadcast.expandCopy(g.view(kept), shape)}, x);
    }

    /** Largest values along {@code dim} and their int64 indices; backward: g routed to the winners. */
    static Tensor.ValuesIndices max(Tensor x, int dim, boolean keepdim) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException("max(): cannot reduce an empty tensor of shape " + x.size());
        }
        int[] shape = x.shape;
        int dd = Shapes.dim("max", dim, shape.length);
        int outer = Shapes.outer(shape, dd);
        int n = shape[dd];
        int inner = Shapes.inner(shape, dd);
        int[] outShape = keepdim ? Shapes.with(shape, dd, 1) : Shapes.remove(shape, dd);
        Tensor values = Tensor.zeros(x.dtype, outShape);
        Tensor idx = Tensor.zeros(DType.INT64, outShape);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                double bv = x.getFlat(o * n * inner + i);
                for (int k = 1; k < n; k++) {
                    double v = x.getFlat((o * n + k) * inner + i);
                    if (v > bv || Double.isNaN(v)) {
                        bv = v;
                        best = k;
                    }
                }
                values.setFlat(o * inner + i, bv);
                idx.d[o * inner + i] = best;
            }
        }
        Tensor vals = Autograd.record("MaxBackward0", values, g -> {
            Tensor gin = Tensor.zeros(g.dtype, shape);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int k = (int) idx.d[o * inner + i];
                    gin.setFlat((o * n + k) * inner + i, g.getFlat(o * inner + i));
                }
            }
            return new Tensor[]{gin};
        }, x);
        return new Tensor.ValuesIndices(vals, idx);
    }

    /** Softmax along {@code dim}; backward: y·(g − Σ g·y). */
    static Tensor softmax(Tensor x, int dim) {
        int dd = Shapes.dim("softmax", dim, x.dim());
        Tensor out = softmaxValues(x, dd, false);
        return Autograd.record("SoftmaxBackward0", out,
                g -> new Tensor[]{out.mul(g.sub(g.mul(out).sum(dd, true)))}, x);
    }

    /** log(softmax) along {@code dim}; backward: g − softmax·Σ g. */
    static Tensor logSoftmax(Tensor x, int dim) {
        int dd = Shapes.dim("logSoftmax", dim, x.dim());
        Tensor out = softmaxValues(x, dd, true);
        return Autograd.record("LogSoftmaxBackward0", out,
                g -> new Tensor[]{g.sub(Pointwise.map(out, Math::exp).mul(g.sum(dd, true)))}, x);
    }

    /** Softmax (or its log) along {@code dd}, stabilised by subtracting the maximum; unrecorded. */
    private static Tensor softmaxValues(Tensor x, int dd, boolean log) {
        int[] shape = x.shape;
        int outer = Shapes.outer(shape, dd);
        int n = shape[dd];
        int inner = Shapes.inner(shape, dd);
        Tensor out = Tensor.zeros(x.dtype == DType.INT64 ? DType.FLOAT32 : x.dtype, shape);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    m = Math.max(m, x.getFlat(base + k * inner));
                }
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += Math.exp(x.getFlat(base + k * inner) - m);
                }
                double logS = Math.log(s);
                for (int k = 0; k < n; k++) {
                    double z = x.getFlat(base + k * inner) - m;
                    out.setFlat(base + k * inner, log ? z - logS : Math.exp(z) / s);
                }
            }
        }
        return out;
    }

    /** True when shapes match and |a-b| ≤ atol + rtol·|b| everywhere. */
    static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        if (!a.size().equals(b.size())) {
            return false;
        }
        for (int i = 0; i < a.numel(); i++) {
            double u = a.getFlat(i);
            double v = b.getFlat(i);
            if (!(Math.abs(u - v) <= atol + rtol * Math.abs(v))) {
                return false;
            }
        }
        return true;
    }

    /** Largest |a-b| over all elements (shapes must match). */
    static double maxAbsDiff(Tensor a, Tensor b) {
        if (!a.size().equals(b.size())) {
            throw new IllegalArgumentException("maxAbsDiff: shapes differ, " + a.size() + " vs " + b.size());
        }
        double m = 0;
        for (int i = 0; i < a.numel(); i++) {
            m = Math.max(m, Math.abs(a.getFlat(i) - b.getFlat(i)));
        }
        return m;
    }
}
