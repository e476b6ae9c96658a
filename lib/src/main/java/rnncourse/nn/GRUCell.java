package rnncourse.nn;

import rnncourse.nn.recurrent.CellKind;
import rnncourse.tensor.Tensor;

/**
 * One GRU step, like {@code torch.nn.GRUCell}, gates r, z, n as in {@link GRU}:
 * {@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}, {@code h' = (1 - z) ⊙ n + z ⊙ h}.
 */
public class GRUCell extends RNNCellBase {
    /** {@code GRUCell(inputSize, hiddenSize)} with bias. */
    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /** With or without bias_ih and bias_hh. */
    public GRUCell(int inputSize, int hiddenSize, boolean bias) {
        super(CellKind.GRU, "GRUCell", inputSize, hiddenSize, bias);
    }

    /** One step from a zero hidden state. */
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * One step: input (batch, input_size) or (input_size); hx (batch, H) or (H), null for zeros.
     *
     * @return the new hidden state
     */
    public Tensor forward(Tensor input, Tensor hx) {
        return step(input, hx, null).h();
    }
}
