package rnncourse.tensor;

/**
 * The backward rule of an operation with one output (for several, see
 * {@link MultiOutputBackwardFn}): given the gradient of the loss with respect to the operation's
 * output, returns the gradients with respect to each of its inputs (in the order the inputs were
 * recorded; {@code null} where an input needs none). It runs with gradient recording off, so it may
 * use ordinary tensor operations.
 */
@FunctionalInterface
public interface BackwardFn {
    /**
     * @param gradOutput dLoss/dOutput, same shape as the output
     * @return dLoss/dInput for each input, each shaped like its input, or {@code null}
     */
    Tensor[] apply(Tensor gradOutput);
}
