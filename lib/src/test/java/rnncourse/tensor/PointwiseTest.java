package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@link Pointwise}'s unary table: its backward rule against finite differences, its
 * name, and the rounding contract (float32 output is the double forward rounded once, or the
 * {@link Kernels} loop where the row names one).
 */
class PointwiseTest {

    static Stream<Pointwise.Unary> rows() {
        List<Pointwise.Unary> rows = new ArrayList<>(Pointwise.TABLE);
        rows.add(Pointwise.pow(2));
        rows.add(Pointwise.pow(3));
        rows.add(Pointwise.pow(-0.5));
        rows.add(Pointwise.clamp(-0.5, 0.5));
        rows.add(Pointwise.addScalar(1.5));
        rows.add(Pointwise.mulScalar(-3));
        return rows.stream();
    }

    /** Inputs inside every row's domain (log, sqrt, x^-0.5 need x > 0), away from kinks at 0 and ±0.5. */
    private static double[] inputs(Pointwise.Unary op) {
        boolean positive = op == Pointwise.LOG || op == Pointwise.SQRT || op.gradFn().equals("PowBackward0");
        return positive ? new double[]{0.3, 0.8, 1.7, 2.9, 0.45, 4.2}
                : new double[]{-2.1, -0.7, -0.2, 0.3, 0.8, 1.9};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void backwardMatchesFiniteDifferences(Pointwise.Unary op) {
        Tensor x = Tensor.fromArray(inputs(op), 2, 3).requiresGrad_(true);
        Tensor w = Tensor.fromArray(new double[]{0.7, -1.3, 0.4, 2.2, -0.9, 1.1}, 2, 3);
        GradCheck.Result r = GradCheck.check(() -> Pointwise.apply(op, x).mul(w).sum(), List.of(x), 1e-6);
        assertTrue(r.passed(1e-6), op.gradFn() + ": " + r);
        assertEquals(op.gradFn(), Pointwise.apply(op, x).gradFn());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void float32IsTheDoubleForwardRoundedOnceOrTheKernel(Pointwise.Unary op) {
        double[] in = inputs(op);
        float[] x = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            x[i] = (float) in[i];
        }
        float[] expected = new float[x.length];
        if (op.float32() != null) {
            op.float32().apply(x, expected, x.length);
        } else {
            for (int i = 0; i < x.length; i++) {
                expected[i] = (float) op.forward().applyAsDouble(x[i]);
            }
        }
        float[] got = Pointwise.apply(op, Tensor.fromArray(x)).floatData();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(got[i]), op.gradFn() + " at " + x[i]);
        }
        double[] got64 = Pointwise.apply(op, Tensor.fromArray(in)).doubleData();
        for (int i = 0; i < in.length; i++) {
            assertEquals(Double.doubleToLongBits(op.forward().applyAsDouble(in[i])), Double.doubleToLongBits(got64[i]),
                    op.gradFn() + " float64 at " + in[i]);
        }
    }
}
