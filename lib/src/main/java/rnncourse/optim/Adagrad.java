package rnncourse.optim;

import java.util.List;
import rnncourse.tensor.Tensor;

/**
 * Adagrad, like {@code torch.optim.Adagrad} (and min-char-rnn's update): per element
 * {@code s ← s + g²; p ← p − lr·g/(√s + eps)}, with eps 1e-10 and the accumulator starting at
 * {@code initialAccumulatorValue} (0 by default).
 */
public class Adagrad extends Optimizer {
    private final double eps;
    private final double initialAccumulatorValue;
    /** Per parameter: the running sum of squared gradients (PyTorch's {@code state['sum']}), from its first step. */
    private final Tensor[] sums;

    /** Adagrad with PyTorch's defaults. */
    public Adagrad(List<Tensor> params, double lr) {
        this(params, lr, 0, 1e-10);
    }

    /** Adagrad with a starting accumulator value and eps (min-char-rnn uses eps 1e-8). */
    public Adagrad(List<Tensor> params, double lr, double initialAccumulatorValue, double eps) {
        super(params, lr);
        this.eps = eps;
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.sums = new Tensor[this.params.size()];
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        float[] s = sum(index).floatData();
        float lrF = (float) lr;
        float e = (float) eps;
        for (int i = 0; i < p.length; i++) {
            s[i] += g[i] * g[i];
            p[i] -= lrF * g[i] / ((float) Math.sqrt(s[i]) + e);
        }
    }

    @Override
    protected void update(int index, double[] p, double[] g) {
        double[] s = sum(index).doubleData();
        for (int i = 0; i < p.length; i++) {
            s[i] += g[i] * g[i];
            p[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
        }
    }

    private Tensor sum(int index) {
        return state(sums, index, p -> Tensor.zerosLike(p).fill_(initialAccumulatorValue));
    }
}
