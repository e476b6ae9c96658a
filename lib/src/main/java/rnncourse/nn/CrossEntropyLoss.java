package rnncourse.nn;

/**
 * Softmax followed by negative log-likelihood, like {@code torch.nn.CrossEntropyLoss}: the input is
 * raw scores (logits) of shape (N, C) or (C), the target class indices of shape (N) or a scalar.
 *
 * <p>Computed as one fused node: the backward pass is {@code softmax(x) − onehot(target)} (divided by
 * N for the mean), which is both faster and numerically safer than chaining logSoftmax and NLL.
 */
public class CrossEntropyLoss extends ClassificationLoss {
    /** Mean over the batch. */
    public CrossEntropyLoss() {
        this(Loss.MEAN);
    }

    /** With the given reduction. */
    public CrossEntropyLoss(Loss reduction) {
        super("CrossEntropyLoss", reduction, true);
    }
}
