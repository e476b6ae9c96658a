package rnncourse.nn.recurrent;

import rnncourse.tensor.Tensor;

/**
 * What a recurrent layer, or a stack of them, computes, like PyTorch's {@code (output, (h_n, c_n))}.
 *
 * @param output the hidden state of every row (of the last layer), (rows, dirs·H) or shaped for the caller
 * @param hN     the final hidden state of each sequence, (layers·dirs, batch, H)
 * @param cN     LSTM: the final cell states, shaped like {@code hN}; otherwise null
 */
public record RecurrentOutputs(Tensor output, Tensor hN, Tensor cN) {
}
