package rnncourse.nn;

import rnncourse.tensor.Generator;
import rnncourse.tensor.Tensor;

/**
 * Inverted dropout, like {@code torch.nn.Dropout}: in training mode each element is zeroed with
 * probability p and the survivors are scaled by 1/(1-p), so nothing needs rescaling at evaluation
 * time; in evaluation mode ({@link #eval()}) the input passes through unchanged.
 */
public class Dropout extends Module {
    private final double p;

    /** Dropout with probability 0.5. */
    public Dropout() {
        this(0.5);
    }

    /** Dropout with probability {@code p} in [0, 1]. */
    public Dropout(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be between 0 and 1, got " + p);
        }
        this.p = p;
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /** Applies dropout (training mode) or returns the input (evaluation mode or p = 0). */
    public Tensor forward(Tensor input) {
        if (!isTraining() || p == 0) {
            return input;
        }
        return apply(input, p);
    }

    /** Inverted dropout with probability p, always applied (the training-mode path). */
    static Tensor apply(Tensor input, double p) {
        Tensor mask = Tensor.zeros(input.dtype(), input.shapeArray());
        Generator gen = Tensor.generator();
        double keep = p >= 1 ? 0 : 1 / (1 - p);
        for (int i = 0; i < mask.numel(); i++) {
            mask.setFlat(i, gen.nextDouble() < p ? 0 : keep);
        }
        return input.mul(mask);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
