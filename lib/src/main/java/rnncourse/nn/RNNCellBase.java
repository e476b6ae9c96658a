package rnncourse.nn;

import java.util.Arrays;
import java.util.List;
import rnncourse.nn.recurrent.CellKind;
import rnncourse.nn.recurrent.DirectionWeights;
import rnncourse.nn.recurrent.RecurrentLayer;
import rnncourse.nn.recurrent.RecurrentOutputs;
import rnncourse.nn.recurrent.SequenceLayout;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share, like PyTorch's
 * {@code nn.RNNCellBase}: one time step of the recurrence with parameters {@code weight_ih}
 * (G·H, input_size), {@code weight_hh} (G·H, H), {@code bias_ih}, {@code bias_hh} (G·H), initialised
 * from U(-1/√H, 1/√H) in that order. A step runs through the same code as the layers
 * ({@code RNNBase.layer}): the fused kernel in float32, the step-by-step reference in float64.
 */
public abstract class RNNCellBase extends Module {
    private final CellKind kind;
    private final String name;
    private final int inputSize;
    private final int hiddenSize;
    private final boolean bias;

    RNNCellBase(CellKind kind, String name, int inputSize, int hiddenSize, boolean bias) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(name + ": input_size and hidden_size must be positive, got "
                    + inputSize + " and " + hiddenSize);
        }
        this.kind = kind;
        this.name = name;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        int rows = kind.gates * hiddenSize;
        registerParameter("weight_ih", Tensor.zeros(rows, inputSize));
        registerParameter("weight_hh", Tensor.zeros(rows, hiddenSize));
        if (bias) {
            registerParameter("bias_ih", Tensor.zeros(rows));
            registerParameter("bias_hh", Tensor.zeros(rows));
        }
        resetParameters();
    }

    /** Refills every weight and bias from U(-1/√H, 1/√H), in registration order, from the global generator. */
    public void resetParameters() {
        RNNBase.initUniform(parameters(), hiddenSize);
    }

    /** Number of input features. */
    public int inputSize() {
        return inputSize;
    }

    /** Number of hidden features. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** True when the cell has biases. */
    public boolean bias() {
        return bias;
    }

    /**
     * One step: input (B, input_size) or unbatched (input_size); h and c (B, H) or (H), null for zeros.
     * Returns h' and, for LSTM, c' (otherwise null), shaped like the input's batch.
     */
    LSTMCell.State step(Tensor input, Tensor h, Tensor c) {
        if (input == null) {
            throw new IllegalArgumentException(name + ": input is null");
        }
        if (input.dim() != 1 && input.dim() != 2) {
            throw new IllegalArgumentException(name + ": expected a 2-D input (batch, input_size) or a 1-D input "
                    + "(input_size), got a " + input.dim() + "-D tensor of shape " + RNNBase.tuple(input.shapeArray()));
        }
        if (input.size(-1) != inputSize) {
            throw new IllegalArgumentException(name + ": input.size(-1) must equal input_size=" + inputSize
                    + ", got " + input.size(-1));
        }
        DType want = parameter("weight_ih").dtype();
        if (input.dtype() != want) {
            throw new IllegalArgumentException(name + ": input is " + input.dtype().torchName()
                    + " but the parameters are " + want.torchName());
        }
        boolean unbatched = input.dim() == 1;
        int batch = unbatched ? 1 : input.size(0);
        Tensor hb = checkState(h, "hidden", unbatched, batch, want);
        Tensor cb = checkState(c, "cell", unbatched, batch, want);
        DirectionWeights w = new DirectionWeights(parameter("weight_ih"), parameter("weight_hh"),
                parameter("bias_ih"), parameter("bias_hh"));
        SequenceLayout lay = SequenceLayout.timeMajor(1, batch);
        RecurrentOutputs r = RecurrentLayer.apply(kind, lay, inputSize, hiddenSize, input, hb, cb, List.of(w));
        // views (no copies) to the caller's shape; for one step the output row is h'
        int[] shape = unbatched ? new int[]{hiddenSize} : new int[]{batch, hiddenSize};
        return new LSTMCell.State(r.output().view(shape), r.cN() == null ? null : r.cN().view(shape));
    }

    private Tensor checkState(Tensor s, String what, boolean unbatched, int batch, DType want) {
        if (s == null) {
            return null;
        }
        int[] expected = unbatched ? new int[]{hiddenSize} : new int[]{batch, hiddenSize};
        if (!Arrays.equals(s.shapeArray(), expected)) {
            throw new IllegalArgumentException(name + ": expected " + what + " size " + RNNBase.tuple(expected)
                    + ", got " + RNNBase.tuple(s.shapeArray()));
        }
        if (s.dtype() != want) {
            throw new IllegalArgumentException(name + ": the " + what + " state is " + s.dtype().torchName()
                    + " but the parameters are " + want.torchName());
        }
        return s;
    }

    @Override
    protected String extraRepr() {
        String s = inputSize + ", " + hiddenSize;
        if (!bias) {
            s += ", bias=False";
        }
        if (kind == CellKind.RNN_RELU) {
            s += ", nonlinearity='relu'";
        }
        return s;
    }
}
