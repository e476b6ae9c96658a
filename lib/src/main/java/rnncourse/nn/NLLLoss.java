package rnncourse.nn;

import rnncourse.tensor.Tensor;

/**
 * Negative log-likelihood, like {@code torch.nn.NLLLoss}: the input holds log-probabilities (for
 * example the output of {@code logSoftmax}) of shape (N, C) or (C), the target class indices of shape
 * (N) or a scalar; the loss is {@code −input[n, target[n]]} averaged (or summed) over n.
 */
public class NLLLoss extends Module {
    private final Loss reduction;

    /** Mean over the batch. */
    public NLLLoss() {
        this(Loss.MEAN);
    }

    /** With the given reduction. */
    public NLLLoss(Loss reduction) {
        this.reduction = reduction;
    }

    /**
     * The loss of {@code input} log-probabilities against {@code target} classes.
     *
     * @throws IllegalArgumentException on mismatched shapes or a target outside [0, C)
     */
    public Tensor forward(Tensor input, Tensor target) {
        return ClassificationLoss.compute("NLLLoss", input, target, reduction, false);
    }

    @Override
    protected String extraRepr() {
        return reduction == Loss.MEAN ? "" : "reduction='sum'";
    }
}
