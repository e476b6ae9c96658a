package rnncourse.nn;

import rnncourse.tensor.Tensor;

/**
 * Softmax followed by negative log-likelihood, like {@code torch.nn.CrossEntropyLoss}: the input is
 * raw scores (logits) of shape (N, C) or (C), the target class indices of shape (N) or a scalar.
 *
 * <p>Computed as one fused node: the backward pass is {@code softmax(x) − onehot(target)} (divided by
 * N for the mean), which is both faster and numerically safer than chaining logSoftmax and NLL.
 */
public class CrossEntropyLoss extends Module {
    private final Loss reduction;

    /** Mean over the batch. */
    public CrossEntropyLoss() {
        this(Loss.MEAN);
    }

    /** With the given reduction. */
    public CrossEntropyLoss(Loss reduction) {
        this.reduction = reduction;
    }

    /**
     * The loss of {@code input} logits against {@code target} classes.
     *
     * @throws IllegalArgumentException on mismatched shapes or a target outside [0, C)
     */
    public Tensor forward(Tensor input, Tensor target) {
        return ClassificationLoss.compute("CrossEntropyLoss", input, target, reduction, true);
    }

    @Override
    protected String extraRepr() {
        return reduction == Loss.MEAN ? "" : "reduction='sum'";
    }
}
