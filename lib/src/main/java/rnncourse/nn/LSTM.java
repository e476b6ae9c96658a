package rnncourse.nn;

import rnncourse.nn.recurrent.CellKind;
import rnncourse.nn.recurrent.RecurrentOutputs;
import rnncourse.nn.utils.PackedSequence;
import rnncourse.tensor.Tensor;

/**
 * A long short-term memory layer, like {@code torch.nn.LSTM}. Per step, with the gates stacked in
 * PyTorch's order i, f, g, o (one fused matrix product gives all four):
 * <pre>
 * i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
 * c' = f ⊙ c + i ⊙ g                      h' = o ⊙ tanh(c')
 * </pre>
 */
public class LSTM extends RNNBase {
    /**
     * What {@link #forward} returns, like PyTorch's {@code (output, (h_n, c_n))}.
     *
     * @param output the last layer's hidden state at every step
     * @param hN     final hidden states (layers·dirs, batch, H)
     * @param cN     final cell states (layers·dirs, batch, H)
     */
    public record Output(Tensor output, Tensor hN, Tensor cN) {
    }

    /** What {@link #forward(PackedSequence)} returns. */
    public record PackedOutput(PackedSequence output, Tensor hN, Tensor cN) {
    }

    /** {@code LSTM(inputSize, hiddenSize)} with PyTorch's defaults. */
    public LSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    /** An LSTM with the given options, e.g. {@code LSTM.options().numLayers(2).batchFirst(true)}. */
    public LSTM(int inputSize, int hiddenSize, Options options) {
        super(CellKind.LSTM, inputSize, hiddenSize, options);
    }

    /** All arguments in PyTorch's positional order. */
    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
                boolean bidirectional) {
        this(inputSize, hiddenSize, positional(numLayers, bias, batchFirst, dropout, bidirectional));
    }

    private static final String[] GATES = {"i", "f", "g", "o"};

    /**
     * Sets the bias of one gate, named in PyTorch's order i, f, g, o, to {@code value} in every
     * layer and direction: that gate's block of {@code bias_ih_l*} becomes {@code value} and the same
     * block of {@code bias_hh_l*} becomes 0, so their sum is exactly {@code value}. Call it before
     * training (it is not recorded by autograd).
     *
     * <p>The usual use is the forget gate: {@code lstm.fillGateBias("f", 1.0)} (or larger, about ln T
     * for gaps of T steps) makes f = σ(·) start near 1, so the cell state, and the gradient along it,
     * survives many steps early in training.
     *
     * @return this layer, for chaining
     * @throws IllegalArgumentException for an unknown gate name or a non-finite value
     * @throws IllegalStateException if the layer was built with {@code bias(false)}
     */
    public LSTM fillGateBias(String gate, double value) {
        fillGateBiasBlock(GATES, gate, value);
        return this;
    }

    /** Runs the sequence from zero hidden and cell states. */
    public Output forward(Tensor input) {
        return forward(input, null, null);
    }

    /**
     * Runs the sequence from {@code h0} and {@code c0}, each (layers·dirs, batch, H) (or
     * (layers·dirs, H) for a 2-D unbatched input); give both or neither.
     */
    public Output forward(Tensor input, Tensor h0, Tensor c0) {
        requireBoth(h0, c0);
        RecurrentOutputs r = runPadded(input, h0, c0);
        return new Output(r.output(), r.hN(), r.cN());
    }

    /** Runs a packed batch of sequences of different lengths. */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null, null);
    }

    /** Runs a packed batch from {@code h0}, {@code c0} (layers·dirs, batch, H) in the batch's original order. */
    public PackedOutput forward(PackedSequence input, Tensor h0, Tensor c0) {
        requireBoth(h0, c0);
        RecurrentOutputs r = runPacked(input, h0, c0);
        return new PackedOutput(input.withData(r.output()), r.hN(), r.cN());
    }

    private static void requireBoth(Tensor h0, Tensor c0) {
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTM: give both h0 and c0 or neither, got only "
                    + (h0 == null ? "c0" : "h0"));
        }
    }
}
