package rnncourse.nn;

import rnncourse.nn.recurrent.CellKind;
import rnncourse.tensor.Tensor;

/**
 * One LSTM step, like {@code torch.nn.LSTMCell}, gates i, f, g, o as in {@link LSTM}:
 * {@code c' = f ⊙ c + i ⊙ g}, {@code h' = o ⊙ tanh(c')}.
 */
public class LSTMCell extends RNNCellBase {
    /**
     * The new state, like PyTorch's {@code (h_1, c_1)}.
     *
     * @param h hidden state (batch, H) or (H)
     * @param c cell state, same shape
     */
    public record State(Tensor h, Tensor c) {
    }

    /** {@code LSTMCell(inputSize, hiddenSize)} with bias. */
    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /** With or without bias_ih and bias_hh. */
    public LSTMCell(int inputSize, int hiddenSize, boolean bias) {
        super(CellKind.LSTM, "LSTMCell", inputSize, hiddenSize, bias);
    }

    /** One step from zero hidden and cell states. */
    public State forward(Tensor input) {
        return forward(input, null, null);
    }

    /** One step from {@code state} (null for zeros), convenient in a loop: {@code s = cell.forward(x, s)}. */
    public State forward(Tensor input, State state) {
        return state == null ? forward(input, null, null) : forward(input, state.h(), state.c());
    }

    /** One step from h and c, each (batch, H) or (H); give both or neither. */
    public State forward(Tensor input, Tensor h, Tensor c) {
        if ((h == null) != (c == null)) {
            throw new IllegalArgumentException("LSTMCell: give both h and c or neither, got only " + (h == null ? "c" : "h"));
        }
        return step(input, h, c);
    }
}
