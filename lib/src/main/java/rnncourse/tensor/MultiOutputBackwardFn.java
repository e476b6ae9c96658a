package rnncourse.tensor;

/**
 * The backward rule of an operation with several outputs (a recurrent layer's output, h_n and c_n),
 * like the {@code grads[i]} of a PyTorch {@code derivatives.yaml} entry: given the gradient of the
 * loss with respect to each output, returns the gradients with respect to each input. It runs with
 * gradient recording off, so it may use ordinary tensor operations.
 */
@FunctionalInterface
public interface MultiOutputBackwardFn {
    /**
     * @param gradOutputs dLoss/dOutput for each output, in the order the outputs were recorded,
     *                    each shaped like its output; {@code null} for an output through which no
     *                    gradient flows (unused, or used only where gradients are not needed). At
     *                    least one is not null.
     * @return dLoss/dInput for each input, each shaped like its input, or {@code null}
     */
    Tensor[] apply(Tensor[] gradOutputs);
}
