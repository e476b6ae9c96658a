package rnncourse.tensor;

import java.util.Arrays;

/**
 * Elementwise binary operations under PyTorch's broadcasting rules, with fast paths for the common
 * layouts, and the pair that broadcasting's backward needs: {@link #expand} a tensor to a shape and
 * {@link #sumTo} a gradient back down to one.
 */
final class Broadcast {
    private Broadcast() {
    }

    // ------------------------------------------------------------------ recorded a ∘ b, with their backward rules

    static Tensor add(Tensor a, Tensor b) {
        Tensor out = apply("add", a, b, Op.ADD);
        return Autograd.record("AddBackward0", out, g -> new Tensor[]{
                sumTo(g, a.shape), sumTo(g, b.shape)}, a, b);                        // g, g
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor out = apply("sub", a, b, Op.SUB);
        return Autograd.record("SubBackward0", out, g -> new Tensor[]{
                sumTo(g, a.shape), sumTo(g.neg(), b.shape)}, a, b);                  // g, −g
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = apply("mul", a, b, Op.MUL);
        return Autograd.record("MulBackward0", out, g -> new Tensor[]{
                a.requiresGrad() ? sumTo(g.mul(b), a.shape) : null,                   // g·b
                b.requiresGrad() ? sumTo(g.mul(a), b.shape) : null}, a, b);           // g·a
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = apply("div", a, b, Op.DIV);
        return Autograd.record("DivBackward0", out, g -> new Tensor[]{
                a.requiresGrad() ? sumTo(g.div(b), a.shape) : null,                   // g / b
                b.requiresGrad() ? sumTo(g.mul(a).div(b.mul(b)).neg(), b.shape) : null}, a, b); // −g·a / b²
    }

    // ------------------------------------------------------------------ expand and its adjoint

    /** {@code t} itself when it already has {@code target}'s shape, else an unrecorded broadcast copy. */
    static Tensor to(Tensor t, int[] target) {
        return Arrays.equals(t.shape, target) ? t : expandCopy(t, target);
    }

    /** An unrecorded copy of {@code t} broadcast to {@code target}. */
    static Tensor expandCopy(Tensor t, int[] target) {
        int[] out = Shapes.broadcast("expand", t.shape, target);
        if (!Arrays.equals(out, target)) {
            throw new IllegalArgumentException("expand: shape " + Arrays.toString(t.shape)
                    + " cannot be expanded to " + Arrays.toString(target));
        }
        return apply("expand", Tensor.zeros(t.dtype, target), t, Op.ADD);
    }

    /** {@code t} repeated along broadcast dimensions to {@code target} (a copy), recorded. */
    static Tensor expand(Tensor t, int[] target) {
        Tensor out = expandCopy(t, target);
        return Autograd.record("ExpandBackward0", out, g -> new Tensor[]{sumTo(g, t.shape)}, t);
    }

    /** Sums a broadcast gradient back down to {@code target} (the adjoint of broadcasting). */
    static Tensor sumTo(Tensor g, int[] target) {
        if (Arrays.equals(g.shape, target)) {
            return g;
        }
        while (g.dim() > target.length) {
            g = g.sum(0, false);
        }
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 1 && g.shape[i] != 1) {
                g = g.sum(i, true);
            }
        }
        return g;
    }

    // ------------------------------------------------------------------ the arithmetic

    enum Op {
        ADD, SUB, MUL, DIV;

        double apply(double a, double b) {
            switch (this) {
                case ADD: return a + b;
                case SUB: return a - b;
                case MUL: return a * b;
                default: return a / b;
            }
        }
    }

    static Tensor apply(String name, Tensor a, Tensor b, Op op) {
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        int[] out = Shapes.broadcast(name, as, bs);
        DType type = DType.promote(a.dtype(), b.dtype());
        if (op == Op.DIV && type == DType.INT64) {
            type = DType.FLOAT32;
        }
        Tensor r = Tensor.zeros(type, out);
        int n = r.numel();
        int an = a.numel();
        int bn = b.numel();
        if (type == DType.FLOAT32 && a.isFloat32() && b.isFloat32()) {
            float[] x = a.floatData();
            float[] y = b.floatData();
            float[] z = r.floatData();
            if (an == n && bn == n) {
                floatSame(op, x, y, z, n);
                return r;
            }
            if (an == n && isSuffix(bs, out)) {
                floatCycleB(op, x, y, z, n, bn);
                return r;
            }
        }
        if (an == n && bn == n) {
            for (int i = 0; i < n; i++) {
                r.setFlat(i, op.apply(a.getFlat(i), b.getFlat(i)));
            }
            return r;
        }
        int[] sa = Shapes.broadcastStrides(as, out);
        int[] sb = Shapes.broadcastStrides(bs, out);
        int[] idx = new int[out.length];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < n; i++) {
            r.setFlat(i, op.apply(a.getFlat(ia), b.getFlat(ib)));
            for (int k = out.length - 1; k >= 0; k--) {
                idx[k]++;
                ia += sa[k];
                ib += sb[k];
                if (idx[k] < out[k]) {
                    break;
                }
                ia -= sa[k] * out[k];
                ib -= sb[k] * out[k];
                idx[k] = 0;
            }
        }
        return r;
    }

    /** True when {@code small}, left-padded with ones, equals the trailing dims of {@code out} after its leading ones. */
    private static boolean isSuffix(int[] small, int[] out) {
        int start = 0;
        while (start < small.length && small[start] == 1) {
            start++;
        }
        int len = small.length - start;
        for (int i = 0; i < len; i++) {
            if (small[start + i] != out[out.length - len + i]) {
                return false;
            }
        }
        return true;
    }

    private static void floatSame(Op op, float[] x, float[] y, float[] z, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    z[i] = x[i] + y[i];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    z[i] = x[i] - y[i];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    z[i] = x[i] * y[i];
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    z[i] = x[i] / y[i];
                }
        }
    }

    private static void floatCycleB(Op op, float[] x, float[] y, float[] z, int n, int bn) {
        if (bn == 1) {
            float v = y[0];
            for (int i = 0; i < n; i++) {
                z[i] = (float) op.apply(x[i], v);
            }
            return;
        }
        for (int base = 0; base < n; base += bn) {
            for (int j = 0; j < bn; j++) {
                z[base + j] = (float) op.apply(x[base + j], y[j]);
            }
        }
    }
}
