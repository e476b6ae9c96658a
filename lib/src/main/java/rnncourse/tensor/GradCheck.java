package rnncourse.tensor;

import java.util.List;
import java.util.function.Supplier;

/**
 * Compares autograd's gradients with central finite differences, the way {@code torch.autograd.gradcheck}
 * does. Use float64 inputs: in float32 the differences drown in rounding.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** The outcome of a check: the worst relative error and where it happened. */
    public record Result(double maxRelativeError, String where) {
        /** True when the worst relative error is at most {@code tolerance}. */
        public boolean passed(double tolerance) {
            return maxRelativeError <= tolerance;
        }
    }

    /**
     * Differentiates the scalar {@code loss} with respect to each input, numerically and by autograd.
     *
     * @param loss   recomputes a one-element tensor from the current values of {@code inputs}
     * @param inputs leaf tensors that require gradients (their values are perturbed and restored)
     * @param eps    the finite-difference step, e.g. 1e-6
     * @return the worst error |a-n| / max(|a|, |n|, 1e-3) over all input elements: relative for
     *         ordinary gradients, absolute (scaled by 1e-3) for gradients near zero, where the
     *         finite difference itself is only accurate to about eps²
     */
    public static Result check(Supplier<Tensor> loss, List<Tensor> inputs, double eps) {
        for (Tensor t : inputs) {
            t.setGrad(null);
        }
        loss.get().backward();
        double worst = 0;
        String where = "none";
        for (int k = 0; k < inputs.size(); k++) {
            Tensor t = inputs.get(k);
            Tensor analytic = t.grad();
            for (int i = 0; i < t.numel(); i++) {
                double orig = t.getFlat(i);
                double plus;
                double minus;
                try (Tensor.NoGrad ng = Tensor.noGrad()) {
                    t.setFlat(i, orig + eps);
                    plus = loss.get().item();
                    t.setFlat(i, orig - eps);
                    minus = loss.get().item();
                    t.setFlat(i, orig);
                }
                double numeric = (plus - minus) / (2 * eps);
                double a = analytic == null ? 0 : analytic.getFlat(i);
                double err = Math.abs(a - numeric) / Math.max(Math.max(Math.abs(a), Math.abs(numeric)), 1e-3);
                if (err > worst) {
                    worst = err;
                    where = "input " + k + " element " + i + ": autograd " + a + " vs numeric " + numeric;
                }
            }
        }
        return new Result(worst, where);
    }

    /** |a - b| / max(|a|, |b|), with the denominator floored at 1e-10 so that two zeros agree. */
    public static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.max(Math.abs(a), Math.abs(b)), 1e-10);
    }

    /** The worst {@link #relativeError} between two tensors of the same shape. */
    public static double maxRelativeError(Tensor a, Tensor b) {
        if (!a.size().equals(b.size())) {
            throw new IllegalArgumentException("maxRelativeError: shapes differ, " + a.size() + " vs " + b.size());
        }
        double worst = 0;
        for (int i = 0; i < a.numel(); i++) {
            worst = Math.max(worst, relativeError(a.getFlat(i), b.getFlat(i)));
        }
        return worst;
    }
}
