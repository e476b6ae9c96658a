package rnncourse.nn;

import rnncourse.nn.recurrent.CellKind;
import rnncourse.nn.recurrent.RecurrentOutputs;
import rnncourse.nn.utils.PackedSequence;
import rnncourse.tensor.Tensor;

/**
 * An Elman recurrent layer, like {@code torch.nn.RNN}: for every step
 * {@code h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh)} (or relu), stacked
 * {@code numLayers} deep and optionally bidirectional.
 *
 * <pre>{@code
 * RNN rnn = new RNN(5, 8, RNN.options().batchFirst(true));   // RNN(5, 8, batch_first=True)
 * RNN.Output o = rnn.forward(Tensor.randn(1, 10, 5));
 * o.output().size();   // Size([1, 10, 8])
 * o.hN().size();       // Size([1, 1, 8])
 * }</pre>
 */
public class RNN extends RNNBase {
    /**
     * What {@link #forward} returns, like PyTorch's {@code (output, h_n)}.
     *
     * @param output the last layer's hidden state at every step: (seq, batch, dirs·H), or
     *               (batch, seq, dirs·H) with batch_first
     * @param hN     every layer's and direction's final hidden state: (layers·dirs, batch, H)
     */
    public record Output(Tensor output, Tensor hN) {
    }

    /** What {@link #forward(PackedSequence)} returns: a packed output and (layers·dirs, batch, H) h_n. */
    public record PackedOutput(PackedSequence output, Tensor hN) {
    }

    /** {@code RNN(inputSize, hiddenSize)} with PyTorch's defaults (1 layer, tanh, bias, seq-first). */
    public RNN(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    /** An RNN with the given options, e.g. {@code RNN.options().numLayers(2).batchFirst(true)}. */
    public RNN(int inputSize, int hiddenSize, Options options) {
        super(CellKind.RNN_TANH, inputSize, hiddenSize, options);
    }

    /** All arguments in PyTorch's positional order. */
    public RNN(int inputSize, int hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst,
               double dropout, boolean bidirectional) {
        this(inputSize, hiddenSize, positional(numLayers, bias, batchFirst, dropout, bidirectional)
                .nonlinearity(nonlinearity));
    }

    /** Runs the sequence from zero initial hidden states. */
    public Output forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * Runs the sequence from {@code h0} (layers·dirs, batch, H), or (layers·dirs, H) for a 2-D unbatched
     * input; null means zeros.
     */
    public Output forward(Tensor input, Tensor h0) {
        RecurrentOutputs r = runPadded(input, h0, null);
        return new Output(r.output(), r.hN());
    }

    /** Runs a packed batch of sequences of different lengths; h_n holds each sequence's last real step. */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /** Runs a packed batch from {@code h0} (layers·dirs, batch, H) in the batch's original order. */
    public PackedOutput forward(PackedSequence input, Tensor h0) {
        RecurrentOutputs r = runPacked(input, h0, null);
        return new PackedOutput(input.withData(r.output()), r.hN());
    }
}
