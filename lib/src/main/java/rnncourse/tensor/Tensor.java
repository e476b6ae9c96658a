package rnncourse.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * An n-dimensional array of numbers with reverse-mode automatic differentiation, named and shaped
 * after PyTorch's {@code torch.Tensor}, so that a notebook reads like the tutorial beside it.
 *
 * <p>Storage is a plain Java array in row-major (C) order: a {@code float[]} for {@link DType#FLOAT32}
 * (the default), a {@code double[]} for {@link DType#FLOAT64} and for {@link DType#INT64} (integers,
 * exact up to 2<sup>53</sup>, used for class indices and {@code argmax}). Keeping the numbers on the
 * Java heap lets elementwise work run as JIT-compiled loops with no native call per operation; large
 * matrix products go to ND4J's BLAS (see {@link Gemm}).
 *
 * <p>Operations return new tensors. {@link #view} and {@link #reshape} share storage, as in PyTorch;
 * {@link #transpose} and {@link #permute} copy (every tensor here is contiguous). Methods ending in
 * {@code _} change the tensor in place and are not recorded for autograd.
 *
 * <pre>{@code
 * Tensor.manualSeed(0);
 * Tensor w = Tensor.randn(3, 2).requiresGrad_(true);
 * Tensor loss = Tensor.ones(4, 3).matmul(w).tanh().sum();
 * loss.backward();
 * System.out.println(w.grad());
 * }</pre>
 */
public final class Tensor {
    private static final Generator GLOBAL = new Generator(0);

    private int[] shape;
    private final DType dtype;
    private final float[] f;
    private final double[] d;
    private boolean requiresGrad;
    private boolean retainGrad;
    private Tensor grad;
    private Autograd.Node node;

    private Tensor(int[] shape, DType dtype, float[] f, double[] d) {
        this.shape = shape;
        this.dtype = dtype;
        this.f = f;
        this.d = d;
    }

    // ------------------------------------------------------------------ creation

    /** A new zero-filled tensor of the given shape and type. */
    public static Tensor zeros(DType dtype, int... shape) {
        int n = Shapes.numel(shape);
        return dtype == DType.FLOAT32 ? new Tensor(shape.clone(), dtype, new float[n], null)
                : new Tensor(shape.clone(), dtype, null, new double[n]);
    }

    /** A new float32 tensor of zeros, e.g. {@code zeros(1, 1, 8)}. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /** A new float32 tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** A new tensor of ones with the given type. */
    public static Tensor ones(DType dtype, int... shape) {
        return zeros(dtype, shape).fill_(1.0);
    }

    /** A new float32 tensor filled with {@code value}. */
    public static Tensor full(double value, int... shape) {
        return zeros(shape).fill_(value);
    }

    /** Zeros with the shape and type of {@code t}. */
    public static Tensor zerosLike(Tensor t) {
        return zeros(t.dtype, t.shape);
    }

    /** Ones with the shape and type of {@code t}. */
    public static Tensor onesLike(Tensor t) {
        return zeros(t.dtype, t.shape).fill_(1.0);
    }

    /** A 1-D float32 tensor from values: {@code tensor(1, 2, 3)}. */
    public static Tensor tensor(double... values) {
        Tensor t = zeros(values.length);
        for (int i = 0; i < values.length; i++) {
            t.f[i] = (float) values[i];
        }
        return t;
    }

    /** A 2-D float32 tensor from rows (all rows the same length). */
    public static Tensor tensor(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        Tensor t = zeros(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("tensor: row " + i + " has " + rows[i].length
                        + " values, expected " + cols + " like row 0");
            }
            for (int j = 0; j < cols; j++) {
                t.f[i * cols + j] = (float) rows[i][j];
            }
        }
        return t;
    }

    /** A 3-D float32 tensor from nested arrays (all blocks the same shape). */
    public static Tensor tensor(double[][][] blocks) {
        if (blocks.length == 0) {
            return zeros(0, 0, 0);
        }
        Tensor first = tensor(blocks[0]);
        Tensor[] parts = new Tensor[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            parts[i] = tensor(blocks[i]);
            if (!parts[i].size().equals(first.size())) {
                throw new IllegalArgumentException("tensor: block " + i + " has shape " + parts[i].size()
                        + ", expected " + first.size() + " like block 0");
            }
        }
        return stack(Arrays.asList(parts), 0);
    }

    /** A float32 tensor over a copy of {@code data}, viewed as {@code shape}. */
    public static Tensor fromArray(float[] data, int... shape) {
        int[] s = shape.length == 0 ? new int[]{data.length} : Shapes.inferView(shape, data.length);
        return new Tensor(s, DType.FLOAT32, data.clone(), null);
    }

    /** A float64 tensor over a copy of {@code data}, viewed as {@code shape}. */
    public static Tensor fromArray(double[] data, int... shape) {
        int[] s = shape.length == 0 ? new int[]{data.length} : Shapes.inferView(shape, data.length);
        return new Tensor(s, DType.FLOAT64, null, data.clone());
    }

    /** Wraps {@code data} without copying (the tensor and the caller share it). */
    public static Tensor wrap(float[] data, int... shape) {
        return new Tensor(Shapes.inferView(shape, data.length), DType.FLOAT32, data, null);
    }

    /** Wraps {@code data} without copying as a float64 tensor. */
    public static Tensor wrap(double[] data, int... shape) {
        return new Tensor(Shapes.inferView(shape, data.length), DType.FLOAT64, null, data);
    }

    /** A 1-D int64 tensor, e.g. class indices for a loss: {@code tensorLong(1, 0, 2)}. */
    public static Tensor tensorLong(long... values) {
        Tensor t = zeros(DType.INT64, values.length);
        for (int i = 0; i < values.length; i++) {
            t.d[i] = values[i];
        }
        return t;
    }

    /** An int64 tensor from ints, viewed as {@code shape} (empty shape: 1-D). */
    public static Tensor tensorLong(int[] values, int... shape) {
        int[] s = shape.length == 0 ? new int[]{values.length} : Shapes.inferView(shape, values.length);
        Tensor t = zeros(DType.INT64, s);
        for (int i = 0; i < values.length; i++) {
            t.d[i] = values[i];
        }
        return t;
    }

    /** A 2-D int64 tensor from rows of ints (e.g. a batch of index sequences). */
    public static Tensor tensorLong(int[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        Tensor t = zeros(DType.INT64, rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("tensorLong: row " + i + " has " + rows[i].length
                        + " values, expected " + cols + " like row 0");
            }
            for (int j = 0; j < cols; j++) {
                t.d[i * cols + j] = rows[i][j];
            }
        }
        return t;
    }

    /** A scalar (0-dimensional) float32 tensor. */
    public static Tensor scalar(double value) {
        Tensor t = zeros(new int[0]);
        t.f[0] = (float) value;
        return t;
    }

    /** 0, 1, …, n-1 as an int64 tensor. */
    public static Tensor arange(int n) {
        Tensor t = zeros(DType.INT64, n);
        for (int i = 0; i < n; i++) {
            t.d[i] = i;
        }
        return t;
    }

    /** The n×n float32 identity matrix. */
    public static Tensor eye(int n) {
        Tensor t = zeros(n, n);
        for (int i = 0; i < n; i++) {
            t.f[i * n + i] = 1f;
        }
        return t;
    }

    /**
     * One-hot encoding, like {@code torch.nn.functional.one_hot} but float32: an index tensor of shape
     * S becomes S×numClasses.
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        int n = indices.numel();
        Tensor t = zeros(Shapes.insert(indices.shape, indices.shape.length, numClasses));
        for (int i = 0; i < n; i++) {
            double v = indices.getFlat(i);
            int k = (int) v;
            if (k != v || k < 0 || k >= numClasses) {
                throw new IllegalArgumentException("oneHot: index " + v + " at position " + i
                        + " is out of range for " + numClasses + " classes");
            }
            t.f[i * numClasses + k] = 1f;
        }
        return t;
    }

    /** One-hot rows for the given indices: shape (indices.length, numClasses). */
    public static Tensor oneHot(int[] indices, int numClasses) {
        return oneHot(tensorLong(indices), numClasses);
    }

    // ------------------------------------------------------------------ randomness

    /** Seeds the global generator, like {@code torch.manual_seed}. */
    public static void manualSeed(long seed) {
        GLOBAL.manualSeed(seed);
    }

    /** The global generator that {@link #rand}, {@link #randn} and the layers' initialisers use. */
    public static Generator generator() {
        return GLOBAL;
    }

    /** Uniform [0, 1) float32 numbers from the global generator. */
    public static Tensor rand(int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.f.length; i++) {
            t.f[i] = (float) GLOBAL.nextDouble();
        }
        return t;
    }

    /** Standard normal float32 numbers from the global generator. */
    public static Tensor randn(int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.f.length; i++) {
            t.f[i] = (float) GLOBAL.nextGaussian();
        }
        return t;
    }

    /** Standard normal numbers of the given type. */
    public static Tensor randn(DType dtype, int... shape) {
        return randn(shape).to(dtype);
    }

    /**
     * Draws {@code numSamples} category indices with replacement from this 1-D tensor of
     * non-negative weights (probabilities need not sum to 1), like {@code torch.multinomial};
     * uses the global generator, so {@link #manualSeed} makes the draws repeat.
     *
     * @return an int64 tensor of shape (numSamples)
     * @throws IllegalArgumentException for a tensor that is not 1-D, or negative or all-zero weights
     */
    public Tensor multinomial(int numSamples) {
        if (shape.length != 1) {
            throw new IllegalArgumentException("multinomial: expected a 1-D tensor of probabilities, got shape " + size());
        }
        double total = 0;
        for (int i = 0; i < shape[0]; i++) {
            double w = getFlat(i);
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("multinomial: weights must be finite and >= 0, got " + w + " at index " + i);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("multinomial: the weights sum to 0; nothing to draw from");
        }
        Tensor out = zeros(DType.INT64, numSamples);
        for (int s = 0; s < numSamples; s++) {
            double u = GLOBAL.nextDouble() * total;
            int pick = shape[0] - 1;
            double acc = 0;
            for (int i = 0; i < shape[0]; i++) {
                acc += getFlat(i);
                if (u < acc) {
                    pick = i;
                    break;
                }
            }
            out.setFlat(s, pick);
        }
        return out;
    }

    /** Fills in place with U(lo, hi) from the global generator (not recorded). */
    public Tensor uniform_(double lo, double hi) {
        for (int i = 0; i < numel(); i++) {
            setFlat(i, GLOBAL.uniform(lo, hi));
        }
        return this;
    }

    /** Fills in place with N(mean, std²) from the global generator (not recorded). */
    public Tensor normal_(double mean, double std) {
        for (int i = 0; i < numel(); i++) {
            setFlat(i, mean + std * GLOBAL.nextGaussian());
        }
        return this;
    }

    // ------------------------------------------------------------------ basic properties

    /** The shape, printed like PyTorch's {@code torch.Size}. */
    public Size size() {
        return new Size(shape);
    }

    /** The same as {@link #size()}, for readers of PyTorch's {@code x.shape}. */
    public Size shape() {
        return size();
    }

    /** The size of one dimension (negative counts from the end). */
    public int size(int dim) {
        return shape[Shapes.dim("size", dim, shape.length)];
    }

    /** A copy of the shape as an array. */
    public int[] shapeArray() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int dim() {
        return shape.length;
    }

    /** Number of elements. */
    public int numel() {
        return f != null ? f.length : d.length;
    }

    /** Element type. */
    public DType dtype() {
        return dtype;
    }

    /** True when the storage is float32. */
    public boolean isFloat32() {
        return f != null;
    }

    /**
     * The live float32 storage (row-major). Writing into it changes the tensor without autograd
     * knowing: for optimizers and fused kernels. Throws for other types.
     */
    public float[] floatData() {
        if (f == null) {
            throw new IllegalStateException("floatData(): tensor is " + dtype.torchName() + ", not torch.float32");
        }
        return f;
    }

    /** The live float64/int64 storage (row-major); see {@link #floatData()}. */
    public double[] doubleData() {
        if (d == null) {
            throw new IllegalStateException("doubleData(): tensor is torch.float32; use floatData() or toDouble()");
        }
        return d;
    }

    /** Element {@code i} of the row-major storage, as a double. */
    public double getFlat(int i) {
        return f != null ? f[i] : d[i];
    }

    /** Sets element {@code i} of the row-major storage (not recorded). */
    public void setFlat(int i, double v) {
        if (f != null) {
            f[i] = (float) v;
        } else {
            d[i] = dtype == DType.INT64 ? Math.rint(v) : v;
        }
    }

    /** The element at a full index, e.g. {@code x.get(0, 2)}. */
    public double get(int... index) {
        return getFlat(flatIndex(index));
    }

    /** Sets the element at a full index (not recorded). */
    public Tensor set(double value, int... index) {
        setFlat(flatIndex(index), value);
        return this;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates for a tensor of shape " + Arrays.toString(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " is out of bounds for dimension " + i
                        + " with size " + shape[i]);
            }
            flat = flat * shape[i] + k;
        }
        return flat;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item(): a tensor with " + numel() + " elements (shape "
                    + size() + ") cannot be converted to a number");
        }
        return getFlat(0);
    }

    /** A copy of the values as floats (row-major). */
    public float[] toFloatArray() {
        if (f != null) {
            return f.clone();
        }
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** A copy of the values as doubles (row-major). */
    public double[] toDoubleArray() {
        if (d != null) {
            return d.clone();
        }
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** The values as ints (rounded toward zero), e.g. for indices from {@link #argmax(int)}. */
    public int[] toIntArray() {
        int[] out = new int[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) getFlat(i);
        }
        return out;
    }

    /** A copy converted to {@code type} (recorded: gradients flow back through the conversion). */
    public Tensor to(DType type) {
        if (type == dtype) {
            return this;
        }
        Tensor out = zeros(type, shape);
        for (int i = 0; i < out.numel(); i++) {
            out.setFlat(i, getFlat(i));
        }
        if (type == DType.INT64) {
            return out;
        }
        DType from = dtype;
        return Autograd.record("ToCopyBackward0", out, g -> new Tensor[]{g.to(from)}, this);
    }

    /** {@code to(FLOAT64)}. */
    public Tensor toDouble() {
        return to(DType.FLOAT64);
    }

    /** {@code to(FLOAT32)}. */
    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    /** {@code to(INT64)}: truncates toward zero; not differentiable. */
    public Tensor toLong() {
        return to(DType.INT64);
    }

    /** A deep copy that is recorded (its gradient flows to this tensor), like {@code clone()}. */
    public Tensor copy() {
        Tensor out = raw();
        return Autograd.record("CloneBackward0", out, g -> new Tensor[]{g}, this);
    }

    /** A copy of the values with no history. */
    private Tensor raw() {
        return f != null ? new Tensor(shape.clone(), dtype, f.clone(), null)
                : new Tensor(shape.clone(), dtype, null, d.clone());
    }

    // ------------------------------------------------------------------ autograd

    /** Whether gradients are computed for this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks this leaf as needing a gradient (for parameters); returns this. */
    public Tensor requiresGrad_(boolean value) {
        if (node != null && !value) {
            throw new IllegalStateException("requiresGrad_(false): only leaf tensors can change requires_grad; "
                    + "use detach()");
        }
        if (value && dtype == DType.INT64) {
            throw new IllegalArgumentException("requiresGrad_: only floating point tensors can require gradients, "
                    + "this one is torch.int64");
        }
        requiresGrad = value;
        return this;
    }

    /** True for tensors created by the user rather than by a recorded operation. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The accumulated gradient, or {@code null} before the first {@link #backward()}. */
    public Tensor grad() {
        return grad;
    }

    /** Replaces the gradient (e.g. {@code null} to free it). */
    public void setGrad(Tensor g) {
        if (g != null && !g.size().equals(size())) {
            throw new IllegalArgumentException("setGrad: gradient shape " + g.size() + " does not match " + size());
        }
        grad = g;
    }

    /** Zeroes the gradient in place (keeping its storage), if there is one. */
    public void zeroGrad() {
        if (grad != null) {
            grad.fill_(0);
        }
    }

    /** Keeps the gradient of this non-leaf tensor after {@link #backward()}. */
    public Tensor retainGrad() {
        retainGrad = true;
        return this;
    }

    boolean retainsGrad() {
        return retainGrad;
    }

    Autograd.Node node() {
        return node;
    }

    /** The name of the operation that made this tensor, as {@code grad_fn} shows it, or null. */
    public String gradFn() {
        return node == null ? null : node.name;
    }

    void attach(Autograd.Node n) {
        node = n;
        requiresGrad = true;
    }

    void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = g.dtype == dtype ? g.raw() : g.to(dtype);
        } else {
            grad.add_(g);
        }
    }

    /** Backpropagates from this one-element tensor (a loss). */
    public void backward() {
        Autograd.backward(this, null);
    }

    /** Backpropagates with an explicit output gradient. */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient);
    }

    /** The same values (shared storage) cut off from the graph. */
    public Tensor detach() {
        return new Tensor(shape.clone(), dtype, f, d);
    }

    /**
     * A scope in which operations are not recorded, like {@code with torch.no_grad():}.
     * Use with try-with-resources: {@code try (var ng = Tensor.noGrad()) { ... }}.
     */
    public static NoGrad noGrad() {
        Autograd.enterNoGrad();
        return new NoGrad();
    }

    /** The handle returned by {@link #noGrad()}; closing it ends the scope. */
    public static final class NoGrad implements AutoCloseable {
        private boolean closed;

        private NoGrad() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                Autograd.exitNoGrad();
            }
        }
    }

    // ------------------------------------------------------------------ in-place (not recorded)

    /** Sets every element to {@code v}. */
    public Tensor fill_(double v) {
        if (f != null) {
            Arrays.fill(f, (float) v);
        } else {
            Arrays.fill(d, v);
        }
        return this;
    }

    /** Sets every element to 0. */
    public Tensor zero_() {
        return fill_(0);
    }

    /** Copies {@code src}'s values (broadcast to this shape) into this tensor. */
    public Tensor copy_(Tensor src) {
        Tensor b = src.size().equals(size()) ? src : src.expandTo(shape);
        for (int i = 0; i < numel(); i++) {
            setFlat(i, b.getFlat(i));
        }
        return this;
    }

    /** this += other (other broadcast to this shape). */
    public Tensor add_(Tensor other) {
        return addScaled_(other, 1.0);
    }

    /** this -= other (other broadcast to this shape). */
    public Tensor sub_(Tensor other) {
        return addScaled_(other, -1.0);
    }

    /** this += alpha · other, like {@code add_(other, alpha=...)}. */
    public Tensor addScaled_(Tensor other, double alpha) {
        Tensor b = other.size().equals(size()) ? other : other.expandTo(shape);
        if (f != null && b.f != null) {
            float a = (float) alpha;
            for (int i = 0; i < f.length; i++) {
                f[i] += a * b.f[i];
            }
        } else {
            for (int i = 0; i < numel(); i++) {
                setFlat(i, getFlat(i) + alpha * b.getFlat(i));
            }
        }
        return this;
    }

    /** this *= s. */
    public Tensor mul_(double s) {
        if (f != null) {
            float a = (float) s;
            for (int i = 0; i < f.length; i++) {
                f[i] *= a;
            }
        } else {
            for (int i = 0; i < d.length; i++) {
                d[i] *= s;
            }
        }
        return this;
    }

    /** Clamps every element into [lo, hi] in place. */
    public Tensor clamp_(double lo, double hi) {
        for (int i = 0; i < numel(); i++) {
            setFlat(i, Math.max(lo, Math.min(hi, getFlat(i))));
        }
        return this;
    }

    // ------------------------------------------------------------------ elementwise

    private Tensor map(DoubleUnaryOperator op) {
        Tensor out = zeros(dtype == DType.INT64 ? DType.FLOAT32 : dtype, shape);
        if (f != null) {
            for (int i = 0; i < f.length; i++) {
                out.f[i] = (float) op.applyAsDouble(f[i]);
            }
        } else {
            for (int i = 0; i < d.length; i++) {
                out.setFlat(i, op.applyAsDouble(d[i]));
            }
        }
        return out;
    }

    /** Elementwise tanh. */
    public Tensor tanh() {
        Tensor out;
        if (f != null) {
            out = zeros(shape);
            Kernels.tanh(f, out.f, f.length);
        } else {
            out = map(Math::tanh);
        }
        return Autograd.record("TanhBackward0", out, g -> new Tensor[]{g.mul(out.detach().pow(2).neg().add(1))}, this);
    }

    /** Elementwise logistic sigmoid 1/(1+e^-x). */
    public Tensor sigmoid() {
        Tensor out;
        if (f != null) {
            out = zeros(shape);
            Kernels.sigmoid(f, out.f, f.length);
        } else {
            out = map(x -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
        }
        return Autograd.record("SigmoidBackward0", out, g -> {
            Tensor y = out.detach();
            return new Tensor[]{g.mul(y.mul(y.neg().add(1)))};
        }, this);
    }

    /** Elementwise max(x, 0). */
    public Tensor relu() {
        Tensor out = map(x -> x > 0 ? x : 0);
        return Autograd.record("ReluBackward0", out, g -> new Tensor[]{g.mul(out.detach().map(y -> y > 0 ? 1 : 0))}, this);
    }

    /** Elementwise e^x. */
    public Tensor exp() {
        Tensor out = map(Math::exp);
        return Autograd.record("ExpBackward0", out, g -> new Tensor[]{g.mul(out.detach())}, this);
    }

    /** Elementwise natural logarithm. */
    public Tensor log() {
        Tensor out = map(Math::log);
        return Autograd.record("LogBackward0", out, g -> new Tensor[]{g.div(this.detach())}, this);
    }

    /** Elementwise square root. */
    public Tensor sqrt() {
        Tensor out = map(Math::sqrt);
        return Autograd.record("SqrtBackward0", out, g -> new Tensor[]{g.div(out.detach().mul(2))}, this);
    }

    /** Elementwise absolute value. */
    public Tensor abs() {
        Tensor out = map(Math::abs);
        return Autograd.record("AbsBackward0", out, g -> new Tensor[]{g.mul(this.detach().map(Math::signum))}, this);
    }

    /** Elementwise x^p. */
    public Tensor pow(double p) {
        Tensor out = p == 2 ? map(x -> x * x) : map(x -> Math.pow(x, p));
        return Autograd.record("PowBackward0", out,
                g -> new Tensor[]{g.mul(this.detach().map(x -> p * Math.pow(x, p - 1)))}, this);
    }

    /** Elementwise -x. */
    public Tensor neg() {
        Tensor out = map(x -> -x);
        return Autograd.record("NegBackward0", out, g -> new Tensor[]{g.neg()}, this);
    }

    /** Elementwise clamp into [lo, hi]; the gradient passes where the value was inside. */
    public Tensor clamp(double lo, double hi) {
        Tensor out = map(x -> Math.max(lo, Math.min(hi, x)));
        return Autograd.record("ClampBackward1", out,
                g -> new Tensor[]{g.mul(this.detach().map(x -> x >= lo && x <= hi ? 1 : 0))}, this);
    }

    /** this + s. */
    public Tensor add(double s) {
        Tensor out = map(x -> x + s);
        return Autograd.record("AddBackward0", out, g -> new Tensor[]{g}, this);
    }

    /** this - s. */
    public Tensor sub(double s) {
        return add(-s);
    }

    /** this · s. */
    public Tensor mul(double s) {
        Tensor out = map(x -> x * s);
        return Autograd.record("MulBackward0", out, g -> new Tensor[]{g.mul(s)}, this);
    }

    /** this / s. */
    public Tensor div(double s) {
        return mul(1.0 / s);
    }

    /** s - this. */
    public Tensor rsub(double s) {
        return neg().add(s);
    }

    /** Elementwise sum with PyTorch broadcasting. */
    public Tensor add(Tensor o) {
        Tensor out = Broadcast.apply("add", this, o, Broadcast.Op.ADD);
        return Autograd.record("AddBackward0", out, g -> new Tensor[]{g.sumTo(shape), g.sumTo(o.shape)}, this, o);
    }

    /** Elementwise difference with broadcasting. */
    public Tensor sub(Tensor o) {
        Tensor out = Broadcast.apply("sub", this, o, Broadcast.Op.SUB);
        return Autograd.record("SubBackward0", out, g -> new Tensor[]{g.sumTo(shape), g.neg().sumTo(o.shape)}, this, o);
    }

    /** Elementwise product with broadcasting. */
    public Tensor mul(Tensor o) {
        Tensor out = Broadcast.apply("mul", this, o, Broadcast.Op.MUL);
        return Autograd.record("MulBackward0", out, g -> new Tensor[]{
                requiresGrad ? g.mul(o.detach()).sumTo(shape) : null,
                o.requiresGrad ? g.mul(this.detach()).sumTo(o.shape) : null}, this, o);
    }

    /** Elementwise quotient with broadcasting. */
    public Tensor div(Tensor o) {
        Tensor out = Broadcast.apply("div", this, o, Broadcast.Op.DIV);
        return Autograd.record("DivBackward0", out, g -> {
            Tensor b = o.detach();
            return new Tensor[]{
                    requiresGrad ? g.div(b).sumTo(shape) : null,
                    o.requiresGrad ? g.mul(this.detach()).div(b.mul(b)).neg().sumTo(o.shape) : null};
        }, this, o);
    }

    /** Copies this tensor broadcast to {@code target} (not recorded; see {@link #expand}). */
    Tensor expandTo(int[] target) {
        int[] out = Shapes.broadcast("expand", shape, target);
        if (!Arrays.equals(out, target)) {
            throw new IllegalArgumentException("expand: shape " + Arrays.toString(shape)
                    + " cannot be expanded to " + Arrays.toString(target));
        }
        return Broadcast.apply("expand", zeros(dtype, target), this.detach(), Broadcast.Op.ADD);
    }

    /** This tensor repeated along broadcast dimensions to {@code target} (a copy, recorded). */
    public Tensor expand(int... target) {
        Tensor out = expandTo(target);
        return Autograd.record("ExpandBackward0", out, g -> new Tensor[]{g.sumTo(shape)}, this);
    }

    /** Sums a broadcast gradient back down to {@code target} (the adjoint of broadcasting). */
    Tensor sumTo(int[] target) {
        if (Arrays.equals(shape, target)) {
            return this;
        }
        Tensor g = this;
        while (g.dim() > target.length) {
            g = g.sum(0, false);
        }
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 1 && g.shape[i] != 1) {
                g = g.sum(i, true);
            }
        }
        return g;
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements, a scalar. */
    public Tensor sum() {
        double s = 0;
        for (int i = 0; i < numel(); i++) {
            s += getFlat(i);
        }
        Tensor out = zeros(dtype == DType.INT64 ? DType.INT64 : dtype, new int[0]);
        out.setFlat(0, s);
        int[] inShape = shape;
        return Autograd.record("SumBackward0", out, g -> new Tensor[]{g.expandTo(inShape)}, this);
    }

    /** Sum along {@code dim}; {@code keepdim} keeps it as size 1. */
    public Tensor sum(int dim, boolean keepdim) {
        int dd = Shapes.dim("sum", dim, shape.length);
        int outer = Shapes.outer(shape, dd);
        int n = shape[dd];
        int inner = Shapes.inner(shape, dd);
        Tensor out = zeros(dtype, keepdim ? Shapes.with(shape, dd, 1) : Shapes.remove(shape, dd));
        if (f != null) {
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < n; k++) {
                    int src = (o * n + k) * inner;
                    int dst = o * inner;
                    for (int i = 0; i < inner; i++) {
                        out.f[dst + i] += f[src + i];
                    }
                }
            }
        } else {
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < n; k++) {
                    for (int i = 0; i < inner; i++) {
                        out.d[o * inner + i] += d[(o * n + k) * inner + i];
                    }
                }
            }
        }
        int[] inShape = shape;
        int[] kept = Shapes.with(shape, dd, 1);
        return Autograd.record("SumBackward1", out, g -> new Tensor[]{g.view(kept).expandTo(inShape)}, this);
    }

    /** Sum along {@code dim}, removing it. */
    public Tensor sum(int dim) {
        return sum(dim, false);
    }

    /** Mean of all elements. */
    public Tensor mean() {
        return sum().div(Math.max(1, numel()));
    }

    /** Mean along {@code dim}. */
    public Tensor mean(int dim, boolean keepdim) {
        return sum(dim, keepdim).div(shape[Shapes.dim("mean", dim, shape.length)]);
    }

    /** Mean along {@code dim}, removing it. */
    public Tensor mean(int dim) {
        return mean(dim, false);
    }

    /** The result of {@link #max(int)}: the largest values and where they were, like PyTorch's. */
    public record ValuesIndices(Tensor values, Tensor indices) {
        @Override
        public String toString() {
            return "torch.return_types.max(\nvalues=" + values + ",\nindices=" + indices + ")";
        }
    }

    /** Largest element, a scalar. */
    public Tensor max() {
        return view(-1).max(0).values();
    }

    /** Smallest element, a scalar. */
    public Tensor min() {
        return neg().max().neg();
    }

    /** Largest values along {@code dim} and their indices (int64), like {@code torch.max(x, dim)}. */
    public ValuesIndices max(int dim) {
        return max(dim, false);
    }

    /** Largest values along {@code dim} and their indices, keeping the dim when asked. */
    public ValuesIndices max(int dim, boolean keepdim) {
        if (numel() == 0) {
            throw new IllegalArgumentException("max(): cannot reduce an empty tensor of shape " + size());
        }
        int dd = Shapes.dim("max", dim, shape.length);
        int outer = Shapes.outer(shape, dd);
        int n = shape[dd];
        int inner = Shapes.inner(shape, dd);
        int[] outShape = keepdim ? Shapes.with(shape, dd, 1) : Shapes.remove(shape, dd);
        Tensor values = zeros(dtype, outShape);
        Tensor idx = zeros(DType.INT64, outShape);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                double bv = getFlat(o * n * inner + i);
                for (int k = 1; k < n; k++) {
                    double v = getFlat((o * n + k) * inner + i);
                    if (v > bv || Double.isNaN(v)) {
                        bv = v;
                        best = k;
                    }
                }
                values.setFlat(o * inner + i, bv);
                idx.d[o * inner + i] = best;
            }
        }
        int[] inShape = shape;
        Tensor vals = Autograd.record("MaxBackward0", values, g -> {
            Tensor gin = zeros(g.dtype, inShape);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int k = (int) idx.d[o * inner + i];
                    gin.setFlat((o * n + k) * inner + i, g.getFlat(o * inner + i));
                }
            }
            return new Tensor[]{gin};
        }, this);
        return new ValuesIndices(vals, idx);
    }

    /** Index of the largest value along {@code dim} (int64). */
    public Tensor argmax(int dim) {
        return max(dim, false).indices();
    }

    /** Index of the largest element of the flattened tensor (int64 scalar). */
    public Tensor argmax() {
        return view(-1).argmax(0);
    }

    // ------------------------------------------------------------------ softmax family

    /** Softmax along {@code dim} (numerically stable). */
    public Tensor softmax(int dim) {
        int dd = Shapes.dim("softmax", dim, shape.length);
        Tensor out = softmaxRaw(dd, false);
        return Autograd.record("SoftmaxBackward0", out, g -> {
            Tensor y = out.detach();
            return new Tensor[]{y.mul(g.sub(g.mul(y).sum(dd, true)))};
        }, this);
    }

    /** log(softmax) along {@code dim}, computed stably. */
    public Tensor logSoftmax(int dim) {
        int dd = Shapes.dim("logSoftmax", dim, shape.length);
        Tensor out = softmaxRaw(dd, true);
        return Autograd.record("LogSoftmaxBackward0", out, g -> {
            Tensor p = out.detach().map(Math::exp);
            return new Tensor[]{g.sub(p.mul(g.sum(dd, true)))};
        }, this);
    }

    private Tensor softmaxRaw(int dd, boolean log) {
        int outer = Shapes.outer(shape, dd);
        int n = shape[dd];
        int inner = Shapes.inner(shape, dd);
        Tensor out = zeros(dtype == DType.INT64 ? DType.FLOAT32 : dtype, shape);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    m = Math.max(m, getFlat(base + k * inner));
                }
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += Math.exp(getFlat(base + k * inner) - m);
                }
                double logS = Math.log(s);
                for (int k = 0; k < n; k++) {
                    double z = getFlat(base + k * inner) - m;
                    out.setFlat(base + k * inner, log ? z - logS : Math.exp(z) / s);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ matrix products

    /**
     * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, 2-D·2-D a matrix product,
     * (…, n, k)·(k, m) applies one matrix to every leading index (computed as one GEMM), and
     * (b, n, k)·(b, k, m) is a batched product.
     */
    public Tensor matmul(Tensor o) {
        if (dim() == 0 || o.dim() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got "
                    + Shapes.str(shape) + " @ " + Shapes.str(o.shape));
        }
        if (dim() == 1 && o.dim() == 1) {
            checkInner(shape[0], o.shape[0], o);
            return view(1, -1).matmul(o.view(-1, 1)).view(new int[0]);
        }
        if (dim() == 1) {
            Tensor r = view(1, -1).matmul(o);
            int[] rs = r.shape;
            return r.view(Shapes.remove(rs, rs.length - 2));
        }
        if (o.dim() == 1) {
            Tensor r = matmul(o.view(-1, 1));
            return r.view(Shapes.remove(r.shape, r.shape.length - 1));
        }
        if (o.dim() == 2) {
            int k = shape[shape.length - 1];
            checkInner(k, o.shape[0], o);
            int rows = numel() / Math.max(1, k);
            Tensor out2 = Matmul.mm(this.view(rows, k), o);
            int[] outShape = shape.clone();
            outShape[outShape.length - 1] = o.shape[1];
            return out2.view(outShape);
        }
        if (dim() == 3 && o.dim() == 3) {
            return bmm(o);
        }
        throw new IllegalArgumentException("matmul: unsupported shapes " + Shapes.str(shape) + " @ "
                + Shapes.str(o.shape) + " (supported: 1-D, 2-D, (...,n,k)@(k,m) and (b,n,k)@(b,k,m))");
    }

    /** 2-D matrix product, like {@code torch.mm}. */
    public Tensor mm(Tensor o) {
        if (dim() != 2 || o.dim() != 2) {
            throw new IllegalArgumentException("mm: expected two 2-D tensors, got " + Shapes.str(shape) + " @ "
                    + Shapes.str(o.shape));
        }
        checkInner(shape[1], o.shape[0], o);
        return Matmul.mm(this, o);
    }

    /** Batched matrix product (b, n, k)·(b, k, m) → (b, n, m), like {@code torch.bmm}. */
    public Tensor bmm(Tensor o) {
        if (dim() != 3 || o.dim() != 3 || shape[0] != o.shape[0]) {
            throw new IllegalArgumentException("bmm: expected (b x n x k) @ (b x k x m) with the same b, got "
                    + Shapes.str(shape) + " @ " + Shapes.str(o.shape));
        }
        checkInner(shape[2], o.shape[1], o);
        return Matmul.bmm(this, o);
    }

    private void checkInner(int k1, int k2, Tensor o) {
        if (k1 != k2) {
            throw new IllegalArgumentException("matmul: " + Shapes.str(shape) + " @ " + Shapes.str(o.shape)
                    + " shapes do not match (" + k1 + " != " + k2 + ")");
        }
    }

    // ------------------------------------------------------------------ shape operations

    /** The same storage seen with another shape (one dim may be -1), like {@code view}. */
    public Tensor view(int... newShape) {
        int[] s = Shapes.inferView(newShape, numel());
        Tensor out = new Tensor(s, dtype, f, d);
        int[] inShape = shape;
        return Autograd.record("ViewBackward0", out, g -> new Tensor[]{g.view(inShape)}, this);
    }

    /** Same as {@link #view} (every tensor here is contiguous). */
    public Tensor reshape(int... newShape) {
        return view(newShape);
    }

    /** Flattens to 1-D. */
    public Tensor flatten() {
        return view(-1);
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        int dd = dim < 0 ? dim + shape.length + 1 : dim;
        if (dd < 0 || dd > shape.length) {
            throw new IndexOutOfBoundsException("unsqueeze: dimension " + dim + " out of range for a tensor with "
                    + shape.length + " dimensions");
        }
        return view(Shapes.insert(shape, dd, 1));
    }

    /** Removes dimension {@code dim} if it has size 1. */
    public Tensor squeeze(int dim) {
        int dd = Shapes.dim("squeeze", dim, shape.length);
        return shape[dd] == 1 ? view(Shapes.remove(shape, dd)) : this;
    }

    /** Removes every dimension of size 1. */
    public Tensor squeeze() {
        return view(Arrays.stream(shape).filter(x -> x != 1).toArray());
    }

    /** Swaps two dimensions (a copy). */
    public Tensor transpose(int dim0, int dim1) {
        int a = Shapes.dim("transpose", dim0, shape.length);
        int b = Shapes.dim("transpose", dim1, shape.length);
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /** Transpose of a 2-D tensor. */
    public Tensor t() {
        if (dim() != 2) {
            throw new IllegalArgumentException("t(): expects a 2-D tensor, got " + Shapes.str(shape));
        }
        return transpose(0, 1);
    }

    /** Reorders dimensions: output dim i is input dim {@code dims[i]} (a copy). */
    public Tensor permute(int... dims) {
        if (dims.length != shape.length) {
            throw new IllegalArgumentException("permute: " + dims.length + " dims given for a tensor with "
                    + shape.length + " dimensions");
        }
        int[] perm = new int[dims.length];
        boolean[] used = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            perm[i] = Shapes.dim("permute", dims[i], shape.length);
            if (used[perm[i]]) {
                throw new IllegalArgumentException("permute: dimension " + dims[i] + " repeats in " + Arrays.toString(dims));
            }
            used[perm[i]] = true;
        }
        int[] outShape = new int[perm.length];
        int[] inStrides = Shapes.strides(shape);
        int[] srcStride = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = shape[perm[i]];
            srcStride[i] = inStrides[perm[i]];
        }
        Tensor out = zeros(dtype, outShape);
        int n = numel();
        int[] idx = new int[perm.length];
        int src = 0;
        for (int i = 0; i < n; i++) {
            if (f != null) {
                out.f[i] = f[src];
            } else {
                out.d[i] = d[src];
            }
            for (int k = perm.length - 1; k >= 0; k--) {
                idx[k]++;
                src += srcStride[k];
                if (idx[k] < outShape[k]) {
                    break;
                }
                src -= srcStride[k] * outShape[k];
                idx[k] = 0;
            }
        }
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return Autograd.record("PermuteBackward0", out, g -> new Tensor[]{g.permute(inverse)}, this);
    }

    /** Returns this tensor (every tensor here is already contiguous); for PyTorch-shaped code. */
    public Tensor contiguous() {
        return this;
    }

    /** Elements {@code start..end-1} along {@code dim} (a copy), like {@code x[:, start:end]}. */
    public Tensor slice(int dim, int start, int end) {
        int dd = Shapes.dim("slice", dim, shape.length);
        int n = shape[dd];
        int s = start < 0 ? start + n : start;
        int e = end < 0 ? end + n : Math.min(end, n);
        if (s < 0 || s > e) {
            throw new IndexOutOfBoundsException("slice: range [" + start + ", " + end + ") is invalid for dimension "
                    + dim + " of size " + n);
        }
        int outer = Shapes.outer(shape, dd);
        int inner = Shapes.inner(shape, dd);
        Tensor out = zeros(dtype, Shapes.with(shape, dd, e - s));
        int len = (e - s) * inner;
        for (int o = 0; o < outer; o++) {
            int src = (o * n + s) * inner;
            int dst = o * len;
            if (f != null) {
                System.arraycopy(f, src, out.f, dst, len);
            } else {
                System.arraycopy(d, src, out.d, dst, len);
            }
        }
        int[] inShape = shape;
        return Autograd.record("SliceBackward0", out, g -> {
            Tensor gin = zeros(g.dtype, inShape);
            for (int o = 0; o < outer; o++) {
                copyRange(g, o * len, gin, (o * n + s) * inner, len);
            }
            return new Tensor[]{gin};
        }, this);
    }

    /** The sub-tensor at index {@code index} of {@code dim}, with that dim removed, like {@code x[:, i]}. */
    public Tensor select(int dim, int index) {
        int dd = Shapes.dim("select", dim, shape.length);
        int i = index < 0 ? index + shape[dd] : index;
        if (i < 0 || i >= shape[dd]) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dimension " + dim
                    + " of size " + shape[dd]);
        }
        return slice(dd, i, i + 1).squeeze(dd);
    }

    /** Rows (or other slices) at the given indices along {@code dim}, like {@code index_select}. */
    public Tensor indexSelect(int dim, int... indices) {
        int dd = Shapes.dim("indexSelect", dim, shape.length);
        int n = shape[dd];
        int outer = Shapes.outer(shape, dd);
        int inner = Shapes.inner(shape, dd);
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= n) {
                throw new IndexOutOfBoundsException("indexSelect: index " + indices[k] + " at position " + k
                        + " is out of range for dimension " + dim + " of size " + n);
            }
        }
        int m = indices.length;
        Tensor out = zeros(dtype, Shapes.with(shape, dd, m));
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < m; k++) {
                copyRange(this, (o * n + indices[k]) * inner, out, (o * m + k) * inner, inner);
            }
        }
        int[] inShape = shape;
        int[] idx = indices.clone();
        return Autograd.record("IndexSelectBackward0", out, g -> {
            Tensor gin = zeros(g.dtype, inShape);
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < m; k++) {
                    int dst = (o * n + idx[k]) * inner;
                    int src = (o * m + k) * inner;
                    for (int i = 0; i < inner; i++) {
                        gin.setFlat(dst + i, gin.getFlat(dst + i) + g.getFlat(src + i));
                    }
                }
            }
            return new Tensor[]{gin};
        }, this);
    }

    /** {@link #indexSelect(int, int...)} with an index tensor. */
    public Tensor indexSelect(int dim, Tensor indices) {
        return indexSelect(dim, indices.toIntArray());
    }

    static void copyRange(Tensor src, int srcOff, Tensor dst, int dstOff, int len) {
        if (src.f != null && dst.f != null) {
            System.arraycopy(src.f, srcOff, dst.f, dstOff, len);
        } else if (src.d != null && dst.d != null) {
            System.arraycopy(src.d, srcOff, dst.d, dstOff, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst.setFlat(dstOff + i, src.getFlat(srcOff + i));
            }
        }
    }

    /** Concatenates along an existing dimension, like {@code torch.cat}. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        }
        Tensor first = tensors.get(0);
        int dd = Shapes.dim("cat", dim, first.dim());
        DType type = first.dtype;
        int total = 0;
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            if (x.dim() != first.dim()) {
                throw new IllegalArgumentException("cat: tensor " + t + " has " + x.dim() + " dimensions, tensor 0 has "
                        + first.dim());
            }
            for (int i = 0; i < x.dim(); i++) {
                if (i != dd && x.shape[i] != first.shape[i]) {
                    throw new IllegalArgumentException("cat: sizes must match except in dimension " + dd
                            + ", but tensor " + t + " has shape " + x.size() + " and tensor 0 has " + first.size());
                }
            }
            type = DType.promote(type, x.dtype);
            total += x.shape[dd];
        }
        if (first.dtype == DType.INT64 && tensors.stream().allMatch(x -> x.dtype == DType.INT64)) {
            type = DType.INT64;
        }
        int outer = Shapes.outer(first.shape, dd);
        int inner = Shapes.inner(first.shape, dd);
        Tensor out = zeros(type, Shapes.with(first.shape, dd, total));
        int[] offsets = new int[tensors.size()];
        int off = 0;
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            offsets[t] = off;
            int len = x.shape[dd] * inner;
            for (int o = 0; o < outer; o++) {
                copyRange(x, o * len, out, (o * total + off) * inner, len);
            }
            off += x.shape[dd];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Autograd.record("CatBackward0", out, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int t = 0; t < inputs.length; t++) {
                if (inputs[t].requiresGrad) {
                    grads[t] = g.slice(dd, offsets[t], offsets[t] + inputs[t].shape[dd]).to(inputs[t].dtype);
                }
            }
            return grads;
        }, inputs);
    }

    /** Concatenates along an existing dimension. */
    public static Tensor cat(int dim, Tensor... tensors) {
        return cat(Arrays.asList(tensors), dim);
    }

    /** Stacks equal-shaped tensors along a new dimension, like {@code torch.stack}. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        }
        Size s0 = tensors.get(0).size();
        int dd = dim < 0 ? dim + s0.dim() + 1 : dim;
        if (dd < 0 || dd > s0.dim()) {
            throw new IndexOutOfBoundsException("stack: dimension " + dim + " out of range for tensors with "
                    + s0.dim() + " dimensions");
        }
        Tensor[] parts = new Tensor[tensors.size()];
        for (int t = 0; t < parts.length; t++) {
            Tensor x = tensors.get(t);
            if (!x.size().equals(s0)) {
                throw new IllegalArgumentException("stack: expects each tensor to be equal size, but got " + s0
                        + " at entry 0 and " + x.size() + " at entry " + t);
            }
            parts[t] = x.unsqueeze(dd);
        }
        return cat(Arrays.asList(parts), dd);
    }

    /** Stacks along a new dimension. */
    public static Tensor stack(int dim, Tensor... tensors) {
        return stack(Arrays.asList(tensors), dim);
    }

    /** Splits into {@code chunks} pieces along {@code dim} (the last may be smaller), like {@code chunk}. */
    public List<Tensor> chunk(int chunks, int dim) {
        int dd = Shapes.dim("chunk", dim, shape.length);
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + chunks);
        }
        int size = (shape[dd] + chunks - 1) / chunks;
        return split(Math.max(size, 1), dd);
    }

    /** Splits into pieces of {@code splitSize} along {@code dim} (the last may be smaller). */
    public List<Tensor> split(int splitSize, int dim) {
        int dd = Shapes.dim("split", dim, shape.length);
        if (splitSize <= 0) {
            throw new IllegalArgumentException("split: split size must be positive, got " + splitSize);
        }
        java.util.ArrayList<Tensor> parts = new java.util.ArrayList<>();
        for (int s = 0; s < shape[dd]; s += splitSize) {
            parts.add(slice(dd, s, Math.min(s + splitSize, shape[dd])));
        }
        return parts;
    }

    // ------------------------------------------------------------------ comparison and printing

    /** True when shapes match and |a-b| ≤ atol + rtol·|b| everywhere. */
    public boolean allclose(Tensor other, double rtol, double atol) {
        if (!size().equals(other.size())) {
            return false;
        }
        for (int i = 0; i < numel(); i++) {
            double a = getFlat(i);
            double b = other.getFlat(i);
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /** {@code allclose} with PyTorch's default tolerances (rtol 1e-5, atol 1e-8). */
    public boolean allclose(Tensor other) {
        return allclose(other, 1e-5, 1e-8);
    }

    /** Largest |a-b| over all elements (shapes must match). */
    public double maxAbsDiff(Tensor other) {
        if (!size().equals(other.size())) {
            throw new IllegalArgumentException("maxAbsDiff: shapes differ, " + size() + " vs " + other.size());
        }
        double m = 0;
        for (int i = 0; i < numel(); i++) {
            m = Math.max(m, Math.abs(getFlat(i) - other.getFlat(i)));
        }
        return m;
    }

    /** PyTorch's printout: {@code tensor([[...]], grad_fn=<...>)}, summarised beyond 1000 elements. */
    @Override
    public String toString() {
        return TensorFormatter.format(this);
    }
}
