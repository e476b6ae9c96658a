package rnncourse.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rnncourse.nn.recurrent.CellKind;
import rnncourse.nn.recurrent.DirectionWeights;
import rnncourse.nn.recurrent.RecurrentLayer;
import rnncourse.nn.recurrent.RecurrentOutputs;
import rnncourse.nn.recurrent.SequenceLayout;
import rnncourse.nn.utils.PackedSequence;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, like PyTorch's {@code nn.RNNBase}: the
 * hyper-parameters, the parameters {@code weight_ih_l{k}[_reverse]}, {@code weight_hh_l{k}[_reverse]},
 * {@code bias_ih_l{k}[_reverse]}, {@code bias_hh_l{k}[_reverse]} (shapes, gate order and
 * registration order as in PyTorch, so a PyTorch state dict loads one to one), their default
 * initialisation U(-1/√H, 1/√H), input checking, and the multi-layer loop.
 *
 * <p>In float32 each layer (both directions) runs as one fused autograd node over all time steps,
 * so a forward and backward pass costs a few large matrix products rather than thousands of small
 * tensor operations; in float64 it runs as those small operations, the reference the fused kernel
 * is tested against ({@link RecurrentLayer}).
 */
public abstract class RNNBase extends Module {
    private final CellKind kind;
    private final String mode;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;
    private final String nonlinearity;
    /** Parameter names by layer and direction, index layer·dirs + dir. */
    private final ParameterNames[] names;

    /** One direction's parameter names, e.g. weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0. */
    private record ParameterNames(String weightIh, String weightHh, String biasIh, String biasHh) {
        static ParameterNames of(int layer, boolean reverse) {
            String suffix = "_l" + layer + (reverse ? "_reverse" : "");
            return new ParameterNames("weight_ih" + suffix, "weight_hh" + suffix, "bias_ih" + suffix,
                    "bias_hh" + suffix);
        }
    }

    /**
     * The optional constructor arguments with PyTorch's defaults, set fluently:
     * {@code new RNN(5, 8, RNN.options().numLayers(2).batchFirst(true).bidirectional(true))}.
     */
    public static final class Options {
        private int numLayers = 1;
        private String nonlinearity = "tanh";
        private boolean bias = true;
        private boolean batchFirst;
        private double dropout;
        private boolean bidirectional;

        /** Number of stacked layers (default 1). */
        public Options numLayers(int n) {
            this.numLayers = n;
            return this;
        }

        /** RNN only: "tanh" (default) or "relu". */
        public Options nonlinearity(String name) {
            this.nonlinearity = name;
            return this;
        }

        /** Whether the layers have bias_ih and bias_hh (default true). */
        public Options bias(boolean b) {
            this.bias = b;
            return this;
        }

        /** True: input and output are (batch, seq, feature); false (default): (seq, batch, feature). */
        public Options batchFirst(boolean b) {
            this.batchFirst = b;
            return this;
        }

        /** Dropout probability on the outputs of every layer but the last, in training mode (default 0). */
        public Options dropout(double p) {
            this.dropout = p;
            return this;
        }

        /** Whether each layer also runs backwards over the sequence (default false). */
        public Options bidirectional(boolean b) {
            this.bidirectional = b;
            return this;
        }
    }

    /** A new set of options with PyTorch's defaults. */
    public static Options options() {
        return new Options();
    }

    /** The options of the layers' constructors that take every argument in PyTorch's positional order. */
    static Options positional(int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        return options().numLayers(numLayers).bias(bias).batchFirst(batchFirst).dropout(dropout)
                .bidirectional(bidirectional);
    }

    RNNBase(CellKind kind, int inputSize, int hiddenSize, Options o) {
        this.mode = kind.label;
        if (o == null) {
            o = options();
        }
        if (inputSize <= 0) {
            throw new IllegalArgumentException(mode + ": input_size must be positive, got " + inputSize);
        }
        if (hiddenSize <= 0) {
            throw new IllegalArgumentException(mode + ": hidden_size must be positive, got " + hiddenSize);
        }
        if (o.numLayers <= 0) {
            throw new IllegalArgumentException(mode + ": num_layers must be positive, got " + o.numLayers);
        }
        if (!(o.dropout >= 0 && o.dropout <= 1)) {
            throw new IllegalArgumentException(mode + ": dropout must be a probability in [0, 1], got " + o.dropout);
        }
        if (kind == CellKind.RNN_TANH || kind == CellKind.RNN_RELU) {
            if ("relu".equals(o.nonlinearity)) {
                kind = CellKind.RNN_RELU;
            } else if ("tanh".equals(o.nonlinearity)) {
                kind = CellKind.RNN_TANH;
            } else {
                throw new IllegalArgumentException("RNN: unknown nonlinearity '" + o.nonlinearity
                        + "', expected 'tanh' or 'relu'");
            }
        } else if (!"tanh".equals(o.nonlinearity)) {
            throw new IllegalArgumentException(mode + ": nonlinearity is only an option of RNN, got '"
                    + o.nonlinearity + "'");
        }
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = o.numLayers;
        this.bias = o.bias;
        this.batchFirst = o.batchFirst;
        this.dropout = o.dropout;
        this.bidirectional = o.bidirectional;
        this.nonlinearity = o.nonlinearity;

        int dirs = directions();
        int gateRows = kind.gates * hiddenSize;
        names = new ParameterNames[numLayers * dirs];
        for (int layer = 0; layer < numLayers; layer++) {
            int layerIn = layer == 0 ? inputSize : hiddenSize * dirs;
            for (int d = 0; d < dirs; d++) {
                ParameterNames n = ParameterNames.of(layer, d == 1);
                registerParameter(n.weightIh(), Tensor.zeros(gateRows, layerIn));
                registerParameter(n.weightHh(), Tensor.zeros(gateRows, hiddenSize));
                if (bias) {
                    registerParameter(n.biasIh(), Tensor.zeros(gateRows));
                    registerParameter(n.biasHh(), Tensor.zeros(gateRows));
                }
                names[layer * dirs + d] = n;
            }
        }
        resetParameters();
    }

    /** Refills every weight and bias from U(-1/√H, 1/√H), in registration order, from the global generator. */
    public void resetParameters() {
        initUniform(parameters(), hiddenSize);
    }

    /** PyTorch's default for recurrent layers and cells alike: every parameter from U(-1/√H, 1/√H). */
    static void initUniform(List<Tensor> params, int hiddenSize) {
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (Tensor p : params) {
            p.uniform_(-bound, bound);
        }
    }

    /** Number of features of each input step. */
    public int inputSize() {
        return inputSize;
    }

    /** Number of features of the hidden state. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Number of stacked layers. */
    public int numLayers() {
        return numLayers;
    }

    /** True when input and output are (batch, seq, feature). */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** True when each layer also runs backwards. */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** Dropout probability between layers. */
    public double dropout() {
        return dropout;
    }

    /** True when the layers have biases. */
    public boolean bias() {
        return bias;
    }

    /**
     * Runs the sequence from zero initial states and returns only the output sequence: the last
     * layer's hidden state at every step, (seq, batch, dirs·H) or (batch, seq, dirs·H) with
     * batchFirst. The same call for {@link RNN}, {@link LSTM} and {@link GRU}, so code that holds
     * "some recurrent layer" needs no cast: {@code rnn.output(x)} equals
     * {@code rnn.forward(x).output()}.
     */
    public Tensor output(Tensor input) {
        return runPadded(input, null, null).output();
    }

    /**
     * Sets one gate's total bias to {@code value} in every layer and direction: that gate's block
     * {@code [k·H, (k+1)·H)} of {@code bias_ih_l*} becomes {@code value} and the same block of
     * {@code bias_hh_l*} becomes 0, so {@code b_ih + b_hh = value}. Not recorded by autograd.
     */
    void fillGateBiasBlock(String[] gateNames, String gate, double value) {
        int k = Arrays.asList(gateNames).indexOf(gate);
        if (k < 0) {
            throw new IllegalArgumentException(mode + ": unknown gate '" + gate + "', expected one of "
                    + String.join(", ", gateNames) + " (PyTorch's order)");
        }
        if (!bias) {
            throw new IllegalStateException(mode + ": this layer was built with bias(false), so it has no gate biases");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(mode + ": gate bias must be finite, got " + value);
        }
        for (ParameterNames n : names) {
            Tensor bIh = parameter(n.biasIh());
            Tensor bHh = parameter(n.biasHh());
            for (int j = k * hiddenSize; j < (k + 1) * hiddenSize; j++) {
                bIh.set(value, j);
                bHh.set(0.0, j);
            }
        }
    }

    int directions() {
        return bidirectional ? 2 : 1;
    }

    boolean isLstm() {
        return kind == CellKind.LSTM;
    }

    /** Runs a padded input; output, h_n and c_n (LSTM; otherwise null) shaped as PyTorch returns them. */
    RecurrentOutputs runPadded(Tensor input, Tensor hx, Tensor cx) {
        if (input == null) {
            throw new IllegalArgumentException(mode + ": input is null");
        }
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(mode + ": expected a 3-D input " + (batchFirst
                    ? "(batch, seq_len, input_size)" : "(seq_len, batch, input_size)")
                    + " or a 2-D unbatched input (seq_len, input_size), got a " + input.dim()
                    + "-D tensor of shape " + tuple(input.shapeArray()));
        }
        checkFeatures(input);
        boolean unbatched = input.dim() == 2;
        Tensor x = unbatched ? input.unsqueeze(batchFirst ? 0 : 1) : input;
        int steps = x.size(batchFirst ? 1 : 0);
        int batch = x.size(batchFirst ? 0 : 1);
        if (steps == 0 || batch == 0) {
            throw new IllegalArgumentException(mode + ": input has no time steps or no sequences, shape "
                    + tuple(input.shapeArray()));
        }
        Tensor h = checkState(hx, "hidden", unbatched, batch);
        Tensor c = checkState(cx, "cell", unbatched, batch);
        // float32 batch-first input runs the layers on time-major rows (RecurrentLayer.timeMajor)
        boolean reorder = batchFirst && steps > 1 && batch > 1 && x.isFloat32();
        SequenceLayout lay = batchFirst && !reorder ? SequenceLayout.batchFirst(steps, batch)
                : SequenceLayout.timeMajor(steps, batch);
        RecurrentOutputs r = runStack(reorder ? RecurrentLayer.timeMajor(x, steps, batch) : x, lay, h, c);
        Tensor out = reorder ? RecurrentLayer.batchFirst(r.output(), steps, batch) : r.output();
        int width = directions() * hiddenSize;
        if (unbatched) {
            int n = numLayers * directions();
            return new RecurrentOutputs(out.view(steps, width), r.hN().view(n, hiddenSize),
                    r.cN() == null ? null : r.cN().view(n, hiddenSize));
        }
        out = batchFirst ? out.view(batch, steps, width) : out.view(steps, batch, width);
        return new RecurrentOutputs(out, r.hN(), r.cN());
    }

    /**
     * Runs a packed input: the output's data (rows, dirs·H), h_n and c_n (LSTM; otherwise null), with
     * h_n and c_n in the caller's original sequence order.
     */
    RecurrentOutputs runPacked(PackedSequence input, Tensor hx, Tensor cx) {
        if (input == null) {
            throw new IllegalArgumentException(mode + ": input is null");
        }
        Tensor data = input.data();
        if (data.dim() != 2) {
            throw new IllegalArgumentException(mode + ": a PackedSequence's data must be 2-D (sum of lengths, "
                    + "input_size), got shape " + tuple(data.shapeArray()));
        }
        checkFeatures(data);
        int[] batchSizes = input.batchSizesArray();
        SequenceLayout lay = SequenceLayout.packed(batchSizes);
        Tensor h = checkState(hx, "hidden", false, lay.batch);
        Tensor c = checkState(cx, "cell", false, lay.batch);
        int[] sorted = input.sortedIndices() == null ? null : input.sortedIndices().toIntArray();
        if (sorted != null) {
            h = h == null ? null : h.indexSelect(1, sorted);
            c = c == null ? null : c.indexSelect(1, sorted);
        }
        RecurrentOutputs r = runStack(data, lay, h, c);
        if (sorted == null) {
            return r;
        }
        int[] unsorted = input.unsortedIndices().toIntArray();
        return new RecurrentOutputs(r.output(), r.hN().indexSelect(1, unsorted),
                r.cN() == null ? null : r.cN().indexSelect(1, unsorted));
    }

    private void checkFeatures(Tensor x) {
        if (x.size(-1) != inputSize) {
            throw new IllegalArgumentException(mode + ": input.size(-1) must equal input_size=" + inputSize
                    + ", got " + x.size(-1));
        }
        DType want = parameter(names[0].weightIh()).dtype();
        if (x.dtype() != want) {
            throw new IllegalArgumentException(mode + ": input is " + x.dtype().torchName() + " but the parameters are "
                    + want.torchName() + "; convert one of them (x.to(...) or model.to(...))");
        }
    }

    private Tensor checkState(Tensor s, String what, boolean unbatched, int batch) {
        if (s == null) {
            return null;
        }
        int n = numLayers * directions();
        int[] expected = unbatched ? new int[]{n, hiddenSize} : new int[]{n, batch, hiddenSize};
        if (!Arrays.equals(s.shapeArray(), expected)) {
            throw new IllegalArgumentException(mode + ": expected " + what + " size " + tuple(expected) + ", got "
                    + tuple(s.shapeArray()));
        }
        DType want = parameter(names[0].weightIh()).dtype();
        if (s.dtype() != want) {
            throw new IllegalArgumentException(mode + ": the initial " + what + " state is " + s.dtype().torchName()
                    + " but the parameters are " + want.torchName());
        }
        return unbatched ? s.view(n, 1, hiddenSize) : s;
    }

    /** The layer loop: x holds lay.rows rows of features; h and c are (layers·dirs, B, H) or null. */
    private RecurrentOutputs runStack(Tensor x, SequenceLayout lay, Tensor h, Tensor c) {
        int dirs = directions();
        int hs = hiddenSize;
        List<Tensor> hN = new ArrayList<>();
        List<Tensor> cN = new ArrayList<>();
        Tensor layerIn = x;
        Tensor out = null;
        for (int layer = 0; layer < numLayers; layer++) {
            Tensor h0 = h == null ? null : numLayers == 1 ? h : h.slice(0, layer * dirs, (layer + 1) * dirs);
            Tensor c0 = c == null ? null : numLayers == 1 ? c : c.slice(0, layer * dirs, (layer + 1) * dirs);
            List<DirectionWeights> w = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                ParameterNames n = names[layer * dirs + d];
                w.add(new DirectionWeights(parameter(n.weightIh()), parameter(n.weightHh()), parameter(n.biasIh()),
                        parameter(n.biasHh())));
            }
            int layerInSize = layer == 0 ? inputSize : dirs * hs;
            RecurrentOutputs r = RecurrentLayer.apply(kind, lay, layerInSize, hs, layerIn, h0, c0, w);
            out = r.output();
            hN.add(r.hN());
            if (kind == CellKind.LSTM) {
                cN.add(r.cN());
            }
            if (layer < numLayers - 1 && dropout > 0 && isTraining()) {
                out = Dropout.apply(out, dropout);
            }
            layerIn = out;
        }
        // views, not copies: the outputs read grad_fn=<ViewBackward0>, as the lessons print them
        return new RecurrentOutputs(out.view(lay.rows, dirs * hs), join(hN), kind == CellKind.LSTM ? join(cN) : null);
    }

    /** The layers' final states stacked along dim 0 (one layer's as a view of the same shape). */
    private static Tensor join(List<Tensor> parts) {
        return parts.size() == 1 ? parts.get(0).view(parts.get(0).shapeArray()) : Tensor.cat(parts, 0);
    }

    static String tuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (numLayers != 1) {
            s.append(", num_layers=").append(numLayers);
        }
        if (!"tanh".equals(nonlinearity)) {
            s.append(", nonlinearity='").append(nonlinearity).append('\'');
        }
        if (!bias) {
            s.append(", bias=False");
        }
        if (batchFirst) {
            s.append(", batch_first=True");
        }
        if (dropout != 0) {
            s.append(", dropout=").append(dropout);
        }
        if (bidirectional) {
            s.append(", bidirectional=True");
        }
        return s.toString();
    }
}
