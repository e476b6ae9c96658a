package rnncourse.nn;

/**
 * Negative log-likelihood, like {@code torch.nn.NLLLoss}: the input holds log-probabilities (for
 * example the output of {@code logSoftmax}) of shape (N, C) or (C), the target class indices of shape
 * (N) or a scalar; the loss is {@code −input[n, target[n]]} averaged (or summed) over n.
 */
public class NLLLoss extends ClassificationLoss {
    /** Mean over the batch. */
    public NLLLoss() {
        this(Loss.MEAN);
    }

    /** With the given reduction. */
    public NLLLoss(Loss reduction) {
        super("NLLLoss", reduction, false);
    }
}
