package rnncourse.nn;

/**
 * tanh and the logistic sigmoid for the fused recurrent kernels, in a form the JIT compiles to
 * SIMD code.
 *
 * <p>Why not {@code Math.exp}: it is a call the JIT cannot vectorize, ~4 ns an element, and an LSTM
 * step applies five such functions to every hidden unit (an LSTM-MNIST training step: 3.6 million
 * of them). Here tanh is a branch-free rational function — clamp, two short polynomials in x²,
 * one division — which HotSpot's superword pass turns into AVX code: ~0.3 ns an element.
 *
 * <p>The coefficients are our own fit (iteratively reweighted least squares on x ∈ [0, 9],
 * minimising the relative error of tanh(x)/x as a ratio of polynomials in x²). In float32 the
 * result is within 4·10⁻⁷ (absolute and relative) of the exact tanh, and |tanh| ≤ 1. sigmoid(x) = ½ + ½·tanh(x/2), within 2·10⁻⁷ absolute.
 */
final class Activations {
    /**
     * Inputs are clamped to ±8: tanh(8) is within 2.3·10⁻⁷ of 1, and up to 8 the rational never
     * exceeds 1 in float32 (checked for every float in [0, 8]; up to 9 it overshot by 2·10⁻⁷), so no
     * clamp of the result is needed — that second clamp cost 60% of the function's time.
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

    private Activations() {
    }

    /** tanh of one value (see the class comment for its accuracy). */
    static float tanh(float x) {
        float v = Math.max(-CLAMP, Math.min(CLAMP, x));
        float s = v * v;
        float p = 1f + s * (P1 + s * (P2 + s * (P3 + s * (P4 + s * P5))));
        float q = 1f + s * (Q1 + s * (Q2 + s * Q3));
        return v * p / q;
    }

    /** The logistic function 1/(1+e^{-x}) of one value, as ½ + ½·tanh(x/2). */
    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    /** a[off..off+n) = tanh(a[off..off+n)), in place. */
    static void tanh(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            a[i] = tanh(a[i]);
        }
    }

    /** a[off..off+n) = sigmoid(a[off..off+n)), in place. */
    static void sigmoid(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            a[i] = sigmoid(a[i]);
        }
    }
}
