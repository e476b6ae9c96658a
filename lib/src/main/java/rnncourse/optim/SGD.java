package rnncourse.optim;

import java.util.List;
import rnncourse.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum and weight decay, like {@code torch.optim.SGD}:
 * {@code g ← g + wd·p; v ← μ·v + g; p ← p − lr·v} (PyTorch's formulation; the buffer starts as g).
 */
public class SGD extends Optimizer {
    private final double momentum;
    private final double weightDecay;
    /** Per parameter: the velocity v (PyTorch's {@code state['momentum_buffer']}), from its first step. */
    private final Tensor[] buffers;

    /** Plain SGD. */
    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0);
    }

    /** SGD with momentum. */
    public SGD(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0);
    }

    /** SGD with momentum and L2 weight decay. */
    public SGD(List<Tensor> params, double lr, double momentum, double weightDecay) {
        super(params, lr);
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("SGD: momentum and weight_decay must be >= 0, got "
                    + momentum + " and " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.buffers = new Tensor[this.params.size()];
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        float lrF = (float) lr;
        float wd = (float) weightDecay;
        if (momentum == 0) {
            for (int i = 0; i < p.length; i++) {
                p[i] -= lrF * (g[i] + wd * p[i]);
            }
            return;
        }
        float mu = (float) momentum;
        boolean first = buffers[index] == null;
        float[] v = state(buffers, index, Tensor::zerosLike).floatData();
        for (int i = 0; i < p.length; i++) {
            float d = g[i] + wd * p[i];
            v[i] = first ? d : mu * v[i] + d;
            p[i] -= lrF * v[i];
        }
    }

    @Override
    protected void update(int index, double[] p, double[] g) {
        if (momentum == 0) {
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * (g[i] + weightDecay * p[i]);
            }
            return;
        }
        boolean first = buffers[index] == null;
        double[] v = state(buffers, index, Tensor::zerosLike).doubleData();
        for (int i = 0; i < p.length; i++) {
            double d = g[i] + weightDecay * p[i];
            v[i] = first ? d : momentum * v[i] + d;
            p[i] -= lr * v[i];
        }
    }
}
