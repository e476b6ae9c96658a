package rnncourse.nn;

import rnncourse.tensor.Autograd;
import rnncourse.tensor.Tensor;

/**
 * Mean squared error, like {@code torch.nn.MSELoss}: the average (or sum) of {@code (input − target)²}
 * over all elements. Input and target must have the same shape (PyTorch only warns when they differ
 * and then broadcasts, which silently trains the wrong thing; here it is an error).
 */
public class MSELoss extends ReducedLoss {
    /** Mean over all elements. */
    public MSELoss() {
        this(Loss.MEAN);
    }

    /** With the given reduction. */
    public MSELoss(Loss reduction) {
        super(reduction);
    }

    /**
     * The loss between {@code input} and {@code target}.
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public Tensor forward(Tensor input, Tensor target) {
        if (!input.size().equals(target.size())) {
            throw new IllegalArgumentException("MSELoss: input and target must have the same shape, got input "
                    + input.size() + " and target " + target.size());
        }
        int n = input.numel();
        double scale = reduction == Loss.MEAN ? 1.0 / n : 1.0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = input.getFlat(i) - target.getFlat(i);
            s += d * d;
        }
        Tensor out = Tensor.zeros(input.dtype(), new int[0]);
        out.setFlat(0, s * scale);
        return Autograd.record("MseLossBackward0", out, g -> {
            double k = 2 * scale * g.item();
            Tensor gi = input.requiresGrad() ? Tensor.zeros(input.dtype(), input.shapeArray()) : null;
            Tensor gt = target.requiresGrad() ? Tensor.zeros(target.dtype(), target.shapeArray()) : null;
            for (int i = 0; i < n; i++) {
                double d = (input.getFlat(i) - target.getFlat(i)) * k;
                if (gi != null) {
                    gi.setFlat(i, d);
                }
                if (gt != null) {
                    gt.setFlat(i, -d);
                }
            }
            return new Tensor[]{gi, gt};
        }, input, target);
    }
}
