package rnncourse.optim;

import java.util.List;
import rnncourse.tensor.Tensor;

/**
 * Adam, like {@code torch.optim.Adam} (defaults betas (0.9, 0.999), eps 1e-8): per element
 * {@code m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − lr·m̂/(√v̂ + eps)} with bias-corrected
 * m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), computed in the same order as PyTorch's single-tensor path.
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    /** Per parameter: its running averages, created at its first step. */
    private final Moments[] moments;
    /** Per parameter: the steps taken, t in the bias corrections. */
    private final int[] steps;

    /**
     * Adam's running averages of one parameter's gradient and squared gradient, shaped and typed
     * like the parameter (PyTorch's {@code state['exp_avg']} and {@code state['exp_avg_sq']}).
     */
    private record Moments(Tensor expAvg, Tensor expAvgSq) {
        static Moments like(Tensor p) {
            return new Moments(Tensor.zerosLike(p), Tensor.zerosLike(p));
        }
    }

    /** Adam with PyTorch's defaults. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Adam with every hyper-parameter given. */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam: betas must be in [0, 1), got (" + beta1 + ", " + beta2 + ")");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        int n = this.params.size();
        this.moments = new Moments[n];
        this.steps = new int[n];
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        Moments s = state(moments, index, Moments::like);
        float[] mm = s.expAvg().floatData();
        float[] vv = s.expAvgSq().floatData();
        int t = ++steps[index];
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float e = (float) eps;
        float wd = (float) weightDecay;
        for (int i = 0; i < p.length; i++) {
            float gi = g[i] + wd * p[i];
            mm[i] = b1 * mm[i] + (1 - b1) * gi;
            vv[i] = b2 * vv[i] + (1 - b2) * gi * gi;
            float denom = (float) Math.sqrt(vv[i]) / bc2Sqrt + e;
            p[i] -= stepSize * mm[i] / denom;
        }
    }

    @Override
    protected void update(int index, double[] p, double[] g) {
        Moments s = state(moments, index, Moments::like);
        double[] mm = s.expAvg().doubleData();
        double[] vv = s.expAvgSq().doubleData();
        int t = ++steps[index];
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        for (int i = 0; i < p.length; i++) {
            double gi = g[i] + weightDecay * p[i];
            mm[i] = beta1 * mm[i] + (1 - beta1) * gi;
            vv[i] = beta2 * vv[i] + (1 - beta2) * gi * gi;
            p[i] -= stepSize * mm[i] / (Math.sqrt(vv[i]) / bc2Sqrt + eps);
        }
    }
}
