package rnncourse.nn;

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
        this(inputSize, hiddenSize, options().numLayers(numLayers).bias(bias).batchFirst(batchFirst)
                .dropout(dropout).bidirectional(bidirectional));
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
        Tensor[] r = runPadded(input, h0, c0);
        return new Output(r[0], r[1], r[2]);
    }

    /** Runs a packed batch of sequences of different lengths. */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null, null);
    }

    /** Runs a packed batch from {@code h0}, {@code c0} (layers·dirs, batch, H) in the batch's original order. */
    public PackedOutput forward(PackedSequence input, Tensor h0, Tensor c0) {
        requireBoth(h0, c0);
        Tensor[] r = runPacked(input, h0, c0);
        return new PackedOutput(input.withData(r[0]), r[1], r[2]);
    }

    private static void requireBoth(Tensor h0, Tensor c0) {
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTM: give both h0 and c0 or neither, got only "
                    + (h0 == null ? "c0" : "h0"));
        }
    }
}
