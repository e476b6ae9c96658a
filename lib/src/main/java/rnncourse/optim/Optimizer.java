package rnncourse.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import rnncourse.tensor.Tensor;

/**
 * Base of the optimizers, like {@code torch.optim.Optimizer}: it holds the parameters, clears their
 * gradients ({@link #zeroGrad()}) and updates them from their gradients ({@link #step()}).
 *
 * <p>Updates run in place over the parameters' storage with plain loops: an optimizer step is
 * memory-bound, and a loop the JIT vectorises beats any per-op native call at the course's sizes.
 */
public abstract class Optimizer {
    /** The parameters being optimised, in the order given. */
    protected final List<Tensor> params;
    /** The learning rate; may be changed between steps (e.g. by a schedule). */
    protected double lr;

    /**
     * @param params the tensors to update (usually {@code model.parameters()})
     * @param lr     the learning rate, &gt; 0
     */
    protected Optimizer(List<Tensor> params, double lr) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": got an empty parameter list (did the model register its layers with registerModule?)");
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be > 0, got " + lr);
        }
        for (Tensor p : params) {
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(getClass().getSimpleName()
                        + ": every parameter must require grad; got one of shape " + p.size() + " that does not");
            }
        }
        this.params = new ArrayList<>(params);
        this.lr = lr;
    }

    /** Clears every parameter's gradient (PyTorch's {@code optimizer.zero_grad()}). */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** Updates every parameter that has a gradient. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            if (p.isFloat32()) {
                update(i, p.floatData(), g.floatData());
            } else {
                update(i, p.doubleData(), g.doubleData());
            }
        }
    }

    /** The learning rate. */
    public double lr() {
        return lr;
    }

    /** Sets the learning rate for the following steps. */
    public void setLr(double lr) {
        this.lr = lr;
    }

    /** The parameters, as given. */
    public List<Tensor> parameters() {
        return List.copyOf(params);
    }

    /**
     * Parameter {@code index}'s optimizer state (PyTorch's {@code state[p]}), made from the
     * parameter by {@code create} at its first step and kept in {@code states}.
     */
    protected final <S> S state(S[] states, int index, Function<Tensor, S> create) {
        if (states[index] == null) {
            states[index] = create.apply(params.get(index));
        }
        return states[index];
    }

    /** Updates float32 parameter {@code index} in place from its gradient. */
    protected abstract void update(int index, float[] p, float[] g);

    /** Updates float64 parameter {@code index} in place from its gradient. */
    protected abstract void update(int index, double[] p, double[] g);
}
