package rnncourse.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise operations on one tensor. The differentiable ones form a table, one {@link Unary} row
 * each, read like PyTorch's {@code tools/autograd/derivatives.yaml}: the name {@code grad_fn} shows,
 * the forward function, and the backward rule written in tensor operations. The in-place updates
 * after the table are not recorded (gradient accumulation and clipping, loading a state dict).
 *
 * <p>Forward values are computed in double and rounded once to the output's type, except the
 * float32 tanh and sigmoid, which run {@link Kernels}' array loops: the same functions the fused
 * recurrent kernels apply, so a hand-written LSTM step equals {@code nn.LSTMCell}'s bit for bit.
 */
final class Pointwise {
    private Pointwise() {
    }

    /** A backward rule: dLoss/dx from the output's gradient {@code g}, the input {@code x} and the output {@code y}. */
    @FunctionalInterface
    interface Derivative {
        Tensor apply(Tensor g, Tensor x, Tensor y);
    }

    /** {@code out[i] = f(x[i])} for {@code i < n} over float32 storage. */
    @FunctionalInterface
    interface FloatKernel {
        void apply(float[] x, float[] out, int n);
    }

    /**
     * One differentiable elementwise function.
     *
     * @param gradFn   the node's name, as PyTorch's {@code grad_fn} prints it
     * @param forward  y = f(x), evaluated in double
     * @param float32  an array loop used instead of {@code forward} for float32 input, or null
     * @param backward the input's gradient, in tensor operations (they run unrecorded)
     */
    record Unary(String gradFn, DoubleUnaryOperator forward, FloatKernel float32, Derivative backward) {
        @Override
        public String toString() {
            return gradFn;
        }
    }

    // ------------------------------------------------------------------ the table
    // Each backward rule is written in tensor operations, so its rounding is theirs: in float32 every
    // step of 1 − y² rounds to float, exactly as the chained operations did before the table.
    // A forward runs as one call per element from map's shared loop, as the per-operation lambdas it
    // replaced did; the JIT inlines the rows its type profile sees most.

    // StrictMath.tanh (fdlibm, specified bit for bit), not Math.tanh: JDK 24 made Math.tanh an
    // intrinsic whose last bits differ from JDK 17's, which changed notebook 07's training on JDK 25.
    static final Unary TANH = new Unary("TanhBackward0", StrictMath::tanh, Kernels::tanh,
            (g, x, y) -> g.mul(y.pow(2).rsub(1)));                                      // g·(1 − y²)
    static final Unary SIGMOID = new Unary("SigmoidBackward0", Pointwise::sigmoid, Kernels::sigmoid,
            (g, x, y) -> g.mul(y.mul(y.rsub(1))));                                      // g·y(1 − y)
    static final Unary RELU = new Unary("ReluBackward0", x -> x > 0 ? x : 0, null,
            (g, x, y) -> g.mul(map(y, v -> v > 0 ? 1 : 0)));                            // g·[y > 0]
    static final Unary EXP = new Unary("ExpBackward0", Math::exp, null,
            (g, x, y) -> g.mul(y));                                                     // g·y
    static final Unary LOG = new Unary("LogBackward0", Math::log, null,
            (g, x, y) -> g.div(x));                                                     // g / x
    static final Unary SQRT = new Unary("SqrtBackward0", Math::sqrt, null,
            (g, x, y) -> g.div(y.mul(2)));                                              // g / 2y
    static final Unary ABS = new Unary("AbsBackward0", Math::abs, null,
            (g, x, y) -> g.mul(map(x, Math::signum)));                                  // g·sgn(x)
    static final Unary NEG = new Unary("NegBackward0", x -> -x, null,
            (g, x, y) -> g.neg());                                                      // −g

    /** The parameterless rows, for tests that walk the whole table. */
    static final List<Unary> TABLE = List.of(TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, NEG);

    /** x^p; x·x for p = 2, so that squares are exact. */
    static Unary pow(double p) {
        return new Unary("PowBackward0", p == 2 ? x -> x * x : x -> Math.pow(x, p), null,
                (g, x, y) -> g.mul(map(x, v -> p * Math.pow(v, p - 1))));               // g·p·x^(p−1)
    }

    /** x clamped into [lo, hi]; the gradient passes where x was inside. */
    static Unary clamp(double lo, double hi) {
        return new Unary("ClampBackward1", x -> Math.max(lo, Math.min(hi, x)), null,
                (g, x, y) -> g.mul(map(x, v -> v >= lo && v <= hi ? 1 : 0)));          // g·[lo ≤ x ≤ hi]
    }

    /** x + s. */
    static Unary addScalar(double s) {
        return new Unary("AddBackward0", x -> x + s, null, (g, x, y) -> g);             // g
    }

    /** x · s. */
    static Unary mulScalar(double s) {
        return new Unary("MulBackward0", x -> x * s, null, (g, x, y) -> g.mul(s));      // g·s
    }

    /** The logistic function in double, split by sign so that exp never overflows. */
    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    // ------------------------------------------------------------------ evaluation

    /** {@code op} applied to every element of {@code x}, recorded with the row's backward rule. */
    static Tensor apply(Unary op, Tensor x) {
        Tensor out;
        if (op.float32() != null && x.f != null) {
            out = Tensor.zeros(x.shape);
            op.float32().apply(x.f, out.f, x.f.length);
        } else {
            out = map(x, op.forward());
        }
        Derivative rule = op.backward();
        return Autograd.record(op.gradFn(), out, g -> new Tensor[]{rule.apply(g, x, out)}, x);
    }

    /** {@code fn} of every element, unrecorded; int64 input gives float32 output. */
    static Tensor map(Tensor x, DoubleUnaryOperator fn) {
        Tensor out = Tensor.zeros(x.dtype == DType.INT64 ? DType.FLOAT32 : x.dtype, x.shape);
        if (x.f != null) {
            float[] in = x.f;
            float[] o = out.f;
            for (int i = 0; i < in.length; i++) {
                o[i] = (float) fn.applyAsDouble(in[i]);
            }
        } else {
            double[] in = x.d;
            for (int i = 0; i < in.length; i++) {
                out.setFlat(i, fn.applyAsDouble(in[i]));
            }
        }
        return out;
    }

    /** A copy converted to {@code type}, recorded unless the result is int64 (not differentiable). */
    static Tensor convert(Tensor x, DType type) {
        if (type == x.dtype) {
            return x;
        }
        Tensor out = Tensor.zeros(type, x.shape);
        for (int i = 0; i < out.numel(); i++) {
            out.setFlat(i, x.getFlat(i));
        }
        if (type == DType.INT64) {
            return out;
        }
        DType from = x.dtype;
        return Autograd.record("ToCopyBackward0", out, g -> new Tensor[]{g.to(from)}, x);
    }

    /** {@link Tensor#setFlat}: stores v, as a float, a double, or rounded for int64. */
    static void store(Tensor t, int i, double v) {
        if (t.f != null) {
            t.f[i] = (float) v;
        } else {
            t.d[i] = t.dtype == DType.INT64 ? Math.rint(v) : v;
        }
    }

    /** {@link Tensor#item}: the value of a one-element tensor. */
    static double item(Tensor t) {
        if (t.numel() != 1) {
            throw new IllegalStateException("item(): a tensor with " + t.numel() + " elements (shape "
                    + t.size() + ") cannot be converted to a number");
        }
        return t.getFlat(0);
    }

    /** {@link Tensor#toIntArray}: the values rounded toward zero. */
    static int[] ints(Tensor t) {
        int[] out = new int[t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) t.getFlat(i);
        }
        return out;
    }

    /** A copy of the values as floats. */
    static float[] floats(Tensor x) {
        if (x.f != null) {
            return x.f.clone();
        }
        float[] out = new float[x.d.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) x.d[i];
        }
        return out;
    }

    /** A copy of the values as doubles. */
    static double[] doubles(Tensor x) {
        if (x.d != null) {
            return x.d.clone();
        }
        double[] out = new double[x.f.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.f[i];
        }
        return out;
    }

    // ------------------------------------------------------------------ in place, not recorded

    static Tensor fill(Tensor t, double v) {
        if (t.f != null) {
            Arrays.fill(t.f, (float) v);
        } else {
            Arrays.fill(t.d, v);
        }
        return t;
    }

    /** t ← src broadcast to t's shape. */
    static Tensor copyFrom(Tensor t, Tensor src) {
        Tensor b = Broadcast.to(src, t.shape);
        for (int i = 0; i < t.numel(); i++) {
            t.setFlat(i, b.getFlat(i));
        }
        return t;
    }

    /** t ← t + alpha · other (other broadcast to t's shape). */
    static Tensor addScaled(Tensor t, Tensor other, double alpha) {
        Tensor b = Broadcast.to(other, t.shape);
        if (t.f != null && b.f != null) {
            float a = (float) alpha;
            float[] f = t.f;
            float[] y = b.f;
            for (int i = 0; i < f.length; i++) {
                f[i] += a * y[i];
            }
        } else {
            for (int i = 0; i < t.numel(); i++) {
                t.setFlat(i, t.getFlat(i) + alpha * b.getFlat(i));
            }
        }
        return t;
    }

    /** t ← t · s. */
    static Tensor scale(Tensor t, double s) {
        if (t.f != null) {
            float a = (float) s;
            float[] f = t.f;
            for (int i = 0; i < f.length; i++) {
                f[i] *= a;
            }
        } else {
            double[] d = t.d;
            for (int i = 0; i < d.length; i++) {
                d[i] *= s;
            }
        }
        return t;
    }

    /** t ← t clamped into [lo, hi]. */
    static Tensor clampInPlace(Tensor t, double lo, double hi) {
        for (int i = 0; i < t.numel(); i++) {
            t.setFlat(i, Math.max(lo, Math.min(hi, t.getFlat(i))));
        }
        return t;
    }
}
