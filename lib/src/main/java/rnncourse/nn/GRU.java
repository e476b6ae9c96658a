package rnncourse.nn;

import rnncourse.nn.recurrent.CellKind;
import rnncourse.nn.recurrent.RecurrentOutputs;
import rnncourse.nn.utils.PackedSequence;
import rnncourse.tensor.Tensor;

/**
 * A gated recurrent unit layer, like {@code torch.nn.GRU}. Per step, with the gates stacked in
 * PyTorch's order r, z, n:
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)
 * z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 - z) ⊙ n + z ⊙ h
 * </pre>
 */
public class GRU extends RNNBase {
    /**
     * What {@link #forward} returns, like PyTorch's {@code (output, h_n)}.
     *
     * @param output the last layer's hidden state at every step
     * @param hN     every layer's and direction's final hidden state: (layers·dirs, batch, H)
     */
    public record Output(Tensor output, Tensor hN) {
    }

    /** What {@link #forward(PackedSequence)} returns. */
    public record PackedOutput(PackedSequence output, Tensor hN) {
    }

    /** {@code GRU(inputSize, hiddenSize)} with PyTorch's defaults. */
    public GRU(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, options());
    }

    /** A GRU with the given options, e.g. {@code GRU.options().batchFirst(true)}. */
    public GRU(int inputSize, int hiddenSize, Options options) {
        super(CellKind.GRU, inputSize, hiddenSize, options);
    }

    /** All arguments in PyTorch's positional order. */
    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
               boolean bidirectional) {
        this(inputSize, hiddenSize, positional(numLayers, bias, batchFirst, dropout, bidirectional));
    }

    private static final String[] GATES = {"r", "z", "n"};

    /**
     * Sets the bias of one gate, named in PyTorch's order r, z, n, to {@code value} in every
     * layer and direction: that gate's block of {@code bias_ih_l*} becomes {@code value} and the same
     * block of {@code bias_hh_l*} becomes 0, so their sum is exactly {@code value}. Call it before
     * training (it is not recorded by autograd).
     *
     * <p>The usual use is the update gate: {@code gru.fillGateBias("z", 3.0)} makes z = σ(·) start near
     * 1, so h_t ≈ h_{t-1} and what was written early survives many steps. For "n" the value goes to b_in;
     * b_hn (which sits inside r ⊙ (W_hn h + b_hn)) becomes 0.
     *
     * @return this layer, for chaining
     * @throws IllegalArgumentException for an unknown gate name or a non-finite value
     * @throws IllegalStateException if the layer was built with {@code bias(false)}
     */
    public GRU fillGateBias(String gate, double value) {
        fillGateBiasBlock(GATES, gate, value);
        return this;
    }

    /** Runs the sequence from zero initial hidden states. */
    public Output forward(Tensor input) {
        return forward(input, null);
    }

    /** Runs the sequence from {@code h0} (layers·dirs, batch, H); null means zeros. */
    public Output forward(Tensor input, Tensor h0) {
        RecurrentOutputs r = runPadded(input, h0, null);
        return new Output(r.output(), r.hN());
    }

    /** Runs a packed batch of sequences of different lengths. */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /** Runs a packed batch from {@code h0} (layers·dirs, batch, H) in the batch's original order. */
    public PackedOutput forward(PackedSequence input, Tensor h0) {
        RecurrentOutputs r = runPacked(input, h0, null);
        return new PackedOutput(input.withData(r.output()), r.hN());
    }
}
