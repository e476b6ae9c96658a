package rnncourse.tensor;

/**
 * The library's one float32 implementation of tanh, the logistic sigmoid and exp: {@link Tensor#tanh()}
 * and {@link Tensor#sigmoid()} on float32 tensors, the fused recurrent kernel of {@code nn.RNN},
 * {@code nn.LSTM} and {@code nn.GRU}, and the softmax of the cross-entropy loss all call these, so a
 * recurrent cell written by hand from tensor operations computes the same activations as the
 * library's layers. (float64 tensors use {@code StrictMath.tanh} and {@code Math.exp}: see {@code Pointwise.TANH}.)
 *
 * <p>Why not {@code Math.tanh} or {@code Math.exp}: they are calls that HotSpot does not vectorize,
 * and an LSTM step applies five activations to every hidden unit. Here tanh is a branch-free
 * rational function — clamp, two short polynomials in x², one division — and exp the classic
 * float algorithm in pure float arithmetic, both written as plain counted loops that HotSpot's
 * superword pass turns into SIMD code (bench/RESULTS.md has the measurements).
 *
 * <p>Accuracy, in float32: tanh within 4·10⁻⁷ (absolute and relative) of the exact value with
 * |tanh| ≤ 1; sigmoid(x) = ½ + ½·tanh(x/2) within 2·10⁻⁷ absolute; exp within 1.2·10⁻⁷ relative on
 * [−87.3, 88].
 */
public final class Kernels {
    /*
     * tanh: our own fit (iteratively reweighted least squares on x ∈ [0, 9], minimising the
     * relative error of tanh(x)/x as a ratio of polynomials in x²). Inputs are clamped to ±8:
     * tanh(8) is within 2.3·10⁻⁷ of 1, and up to 8 the rational never exceeds 1 in float32 (checked
     * for every float in [0, 8]; up to 9 it overshot by 2·10⁻⁷), so the result needs no second
     * clamp, which would cost more than the rest of the function.
     */
    private static final float CLAMP = 8f;
    private static final float P1 = 0.12922516465187073f;
    private static final float P2 = 0.00292415008880198f;
    private static final float P3 = 9.295566997025162e-06f;
    private static final float P4 = -1.2854609821033591e-08f;
    private static final float P5 = 1.8419798672453247e-11f;
    private static final float Q1 = 0.46255818009376526f;
    private static final float Q2 = 0.0237774308770895f;
    private static final float Q3 = 0.0002285496302647516f;

    /*
     * exp: round x·log₂e to an integer k with the 1.5·2²³ trick (pure float arithmetic, so it
     * vectorizes), r = x − k·ln 2 in two parts (Cody–Waite), a degree-7 polynomial for e^r on
     * |r| ≤ ½·ln 2, then the factor 2^k from its bits. The first two passes vectorize; the bit
     * manipulation does not in HotSpot 17, so it is a third, short pass.
     */
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2²³: adding and subtracting it rounds to an integer
    /** exp(−87.3) ≈ 1.2·10⁻³⁸ is the smallest normal result; exp(88) ≈ 1.65·10³⁸ the largest kept. */
    private static final float EXP_MIN = -87.3f;
    private static final float EXP_MAX = 88f;
    private static final float E2 = 5.0000001201e-1f;
    private static final float E3 = 1.6666665459e-1f;
    private static final float E4 = 4.1665795894e-2f;
    private static final float E5 = 8.3334519073e-3f;
    private static final float E6 = 1.3981999507e-3f;
    private static final float E7 = 1.9875691500e-4f;

    private Kernels() {
    }

    /** tanh of one value (see the class comment for its accuracy). */
    public static float tanh(float x) {
        float v = Math.max(-CLAMP, Math.min(CLAMP, x));
        float s = v * v;
        float p = 1f + s * (P1 + s * (P2 + s * (P3 + s * (P4 + s * P5))));
        float q = 1f + s * (Q1 + s * (Q2 + s * Q3));
        return v * p / q;
    }

    /** The logistic function 1/(1+e^{-x}) of one value, as ½ + ½·tanh(x/2). */
    public static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    /** out[i] = tanh(x[i]) for i &lt; n. */
    public static void tanh(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = tanh(x[i]);
        }
    }

    /** out[oOff+i] = tanh(x[xOff+i]) for i &lt; n. */
    public static void tanh(float[] x, int xOff, float[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = tanh(x[xOff + i]);
        }
    }

    /** out[i] = sigmoid(x[i]) for i &lt; n. */
    public static void sigmoid(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = sigmoid(x[i]);
        }
    }

    /** out[oOff+i] = sigmoid(x[xOff+i]) for i &lt; n. */
    public static void sigmoid(float[] x, int xOff, float[] out, int oOff, int n) {
        for (int i = 0; i < n; i++) {
            out[oOff + i] = sigmoid(x[xOff + i]);
        }
    }

    /** a[off..off+n) = tanh(a[off..off+n)), in place. */
    public static void tanhInPlace(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            a[i] = tanh(a[i]);
        }
    }

    /** a[off..off+n) = sigmoid(a[off..off+n)), in place. */
    public static void sigmoidInPlace(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            a[i] = sigmoid(a[i]);
        }
    }

    /**
     * a[from..to) = exp(a[from..to)), in place, using k[from..to) as scratch (the same indices, so
     * that the loops vectorize). Inputs are clamped to [−87.3, 88]: below, the result is
     * ~1.2·10⁻³⁸ instead of smaller; above, exp(88).
     */
    public static void expInPlace(float[] a, float[] k, int from, int to) {
        for (int i = from; i < to; i++) {
            float x = Math.max(EXP_MIN, Math.min(EXP_MAX, a[i]));
            float kf = (x * LOG2E + ROUND) - ROUND;
            k[i] = kf;
            a[i] = x - kf * LN2_HI - kf * LN2_LO;
        }
        for (int i = from; i < to; i++) {
            float r = a[i];
            float p = E2 + r * (E3 + r * (E4 + r * (E5 + r * (E6 + r * E7))));
            a[i] = 1f + r + r * r * p;
        }
        for (int i = from; i < to; i++) {
            a[i] *= Float.intBitsToFloat(((int) k[i] + 127) << 23);
        }
    }
}
