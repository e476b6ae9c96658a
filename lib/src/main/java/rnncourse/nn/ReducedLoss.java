package rnncourse.nn;

/**
 * What the loss modules share, like PyTorch's {@code _Loss}: the reduction over the batch
 * ({@link Loss#MEAN} or {@link Loss#SUM}) and how it prints.
 */
abstract class ReducedLoss extends Module {
    final Loss reduction;

    ReducedLoss(Loss reduction) {
        this.reduction = reduction;
    }

    @Override
    protected String extraRepr() {
        return reduction == Loss.MEAN ? "" : "reduction='sum'";
    }
}
