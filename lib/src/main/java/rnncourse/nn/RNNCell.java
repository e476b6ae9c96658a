package rnncourse.nn;

import rnncourse.nn.recurrent.CellKind;
import rnncourse.tensor.Tensor;

/**
 * One Elman RNN step, like {@code torch.nn.RNNCell}:
 * {@code h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)} (or relu).
 */
public class RNNCell extends RNNCellBase {
    /** {@code RNNCell(inputSize, hiddenSize)}: tanh, with bias. */
    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh");
    }

    /** With PyTorch's positional arguments: bias, nonlinearity ("tanh" or "relu"). */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity) {
        super(kindOf(nonlinearity), "RNNCell", inputSize, hiddenSize, bias);
    }

    private static CellKind kindOf(String nonlinearity) {
        if ("tanh".equals(nonlinearity)) {
            return CellKind.RNN_TANH;
        }
        if ("relu".equals(nonlinearity)) {
            return CellKind.RNN_RELU;
        }
        throw new IllegalArgumentException("RNNCell: unknown nonlinearity '" + nonlinearity
                + "', expected 'tanh' or 'relu'");
    }

    /** One step from a zero hidden state. */
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * One step: input (batch, input_size) or (input_size); hx (batch, H) or (H), null for zeros.
     *
     * @return the new hidden state, shaped like hx
     */
    public Tensor forward(Tensor input, Tensor hx) {
        return step(input, hx, null).h();
    }
}
