package rnncourse.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of numbers with reverse-mode automatic differentiation, named and shaped
 * after PyTorch's {@code torch.Tensor}, so that a notebook reads like the tutorial beside it.
 *
 * <p>Storage is a plain Java array in row-major (C) order: a {@code float[]} for {@link DType#FLOAT32}
 * (the default), a {@code double[]} for {@link DType#FLOAT64} and for {@link DType#INT64} (integers,
 * exact up to 2<sup>53</sup>, used for class indices and {@code argmax}). Keeping the numbers on the
 * Java heap lets elementwise work run as JIT-compiled loops with no native call per operation; large
 * matrix products are copied off the heap to OpenBLAS (see {@link rnncourse.tensor.gemm.Gemm}).
 *
 * <p>Operations return new tensors. {@link #view} and {@link #reshape} share storage, as in PyTorch;
 * {@link #transpose} and {@link #permute} copy (every tensor here is contiguous). Methods ending in
 * {@code _} change the tensor in place and are not recorded for autograd.
 *
 * <p>This class is the public face: the operations' bodies and backward rules live, grouped by kind,
 * in package-private classes — {@code Pointwise} (the unary table, scalar arithmetic, in-place
 * updates), {@code Broadcast} (binary arithmetic, expand), {@code Reductions}, {@code ShapeOps}
 * (views, slicing, joining), {@code Matmul} and {@code Creation}.
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

    // The storage is package-private so that the operation classes read it without accessor calls.
    final int[] shape;
    final DType dtype;
    final float[] f;
    final double[] d;
    // The autograd bookkeeping, read and written by Autograd.
    boolean requiresGrad;
    boolean retainGrad;
    Tensor grad;
    Autograd.Node node;

    /** A tensor over {@code f} (float32) or {@code d} (float64, int64), shared, not copied. */
    Tensor(int[] shape, DType dtype, float[] f, double[] d) {
        this.shape = shape;
        this.dtype = dtype;
        this.f = f;
        this.d = d;
    }

    // ------------------------------------------------------------------ creation

    /** A new zero-filled tensor of the given shape and type. */
    public static Tensor zeros(DType dtype, int... shape) {
        return Creation.zeros(dtype, shape);
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
        return Creation.floats(values);
    }

    /** A 2-D float32 tensor from rows (all rows the same length). */
    public static Tensor tensor(double[][] rows) {
        return Creation.fromRows(rows);
    }

    /** A 3-D float32 tensor from nested arrays (all blocks the same shape). */
    public static Tensor tensor(double[][][] blocks) {
        return Creation.fromBlocks(blocks);
    }

    /** A float32 tensor over a copy of {@code data}, viewed as {@code shape}. */
    public static Tensor fromArray(float[] data, int... shape) {
        return new Tensor(Creation.shapeOf(data.length, shape), DType.FLOAT32, data.clone(), null);
    }

    /** A float64 tensor over a copy of {@code data}, viewed as {@code shape}. */
    public static Tensor fromArray(double[] data, int... shape) {
        return new Tensor(Creation.shapeOf(data.length, shape), DType.FLOAT64, null, data.clone());
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
        return Creation.longs(values);
    }

    /** An int64 tensor from ints, viewed as {@code shape} (empty shape: 1-D). */
    public static Tensor tensorLong(int[] values, int... shape) {
        return Creation.longs(values, shape);
    }

    /** A 2-D int64 tensor from rows of ints (e.g. a batch of index sequences). */
    public static Tensor tensorLong(int[][] rows) {
        return Creation.fromRows(rows);
    }

    /** A scalar (0-dimensional) float32 tensor. */
    public static Tensor scalar(double value) {
        return full(value);
    }

    /** 0, 1, …, n-1 as an int64 tensor. */
    public static Tensor arange(int n) {
        return Creation.arange(n);
    }

    /** The n×n float32 identity matrix. */
    public static Tensor eye(int n) {
        return Creation.eye(n);
    }

    /**
     * One-hot encoding, like {@code torch.nn.functional.one_hot} but float32: an index tensor of shape
     * S becomes S×numClasses.
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        return Creation.oneHot(indices, numClasses);
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
        return Creation.rand(GLOBAL, shape);
    }

    /** Standard normal float32 numbers from the global generator. */
    public static Tensor randn(int... shape) {
        return Creation.randn(GLOBAL, shape);
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
        return Creation.multinomial(this, GLOBAL, numSamples);
    }

    /** Fills in place with U(lo, hi) from the global generator (not recorded). */
    public Tensor uniform_(double lo, double hi) {
        return Creation.uniform(this, GLOBAL, lo, hi);
    }

    /** Fills in place with N(mean, std²) from the global generator (not recorded). */
    public Tensor normal_(double mean, double std) {
        return Creation.normal(this, GLOBAL, mean, std);
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
        Pointwise.store(this, i, v);
    }

    /** The element at a full index, e.g. {@code x.get(0, 2)}. */
    public double get(int... index) {
        return getFlat(Shapes.flatIndex(shape, index));
    }

    /** Sets the element at a full index (not recorded). */
    public Tensor set(double value, int... index) {
        setFlat(Shapes.flatIndex(shape, index), value);
        return this;
    }

    /** The value of a one-element tensor. */
    public double item() {
        return Pointwise.item(this);
    }

    /** A copy of the values as floats (row-major). */
    public float[] toFloatArray() {
        return Pointwise.floats(this);
    }

    /** A copy of the values as doubles (row-major). */
    public double[] toDoubleArray() {
        return Pointwise.doubles(this);
    }

    /** The values as ints (rounded toward zero), e.g. for indices from {@link #argmax(int)}. */
    public int[] toIntArray() {
        return Pointwise.ints(this);
    }

    /** A copy converted to {@code type} (recorded: gradients flow back through the conversion). */
    public Tensor to(DType type) {
        return Pointwise.convert(this, type);
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
        return Autograd.record("CloneBackward0", Creation.copyOf(this), g -> new Tensor[]{g}, this);
    }

    // ------------------------------------------------------------------ autograd

    /** Whether gradients are computed for this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks this leaf as needing a gradient (for parameters); returns this. */
    public Tensor requiresGrad_(boolean value) {
        Autograd.setRequiresGrad(this, value);
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
        Autograd.setGrad(this, g);
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

    /** The name of the operation that made this tensor, as {@code grad_fn} shows it, or null. */
    public String gradFn() {
        return node == null ? null : node.name;
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
        return Autograd.noGrad();
    }

    /** The handle returned by {@link #noGrad()}; closing it ends the scope (closing it again does nothing). */
    public interface NoGrad extends AutoCloseable {
        @Override
        void close();
    }

    // ------------------------------------------------------------------ in-place (not recorded)

    /** Sets every element to {@code v}. */
    public Tensor fill_(double v) {
        return Pointwise.fill(this, v);
    }

    /** Sets every element to 0. */
    public Tensor zero_() {
        return fill_(0);
    }

    /** Copies {@code src}'s values (broadcast to this shape) into this tensor. */
    public Tensor copy_(Tensor src) {
        return Pointwise.copyFrom(this, src);
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
        return Pointwise.addScaled(this, other, alpha);
    }

    /** this *= s. */
    public Tensor mul_(double s) {
        return Pointwise.scale(this, s);
    }

    /** Clamps every element into [lo, hi] in place. */
    public Tensor clamp_(double lo, double hi) {
        return Pointwise.clampInPlace(this, lo, hi);
    }

    // ------------------------------------------------------------------ elementwise (rules in Pointwise)

    /** Elementwise tanh. */
    public Tensor tanh() {
        return Pointwise.apply(Pointwise.TANH, this);
    }

    /** Elementwise logistic sigmoid 1/(1+e^-x). */
    public Tensor sigmoid() {
        return Pointwise.apply(Pointwise.SIGMOID, this);
    }

    /** Elementwise max(x, 0). */
    public Tensor relu() {
        return Pointwise.apply(Pointwise.RELU, this);
    }

    /** Elementwise e^x. */
    public Tensor exp() {
        return Pointwise.apply(Pointwise.EXP, this);
    }

    /** Elementwise natural logarithm. */
    public Tensor log() {
        return Pointwise.apply(Pointwise.LOG, this);
    }

    /** Elementwise square root. */
    public Tensor sqrt() {
        return Pointwise.apply(Pointwise.SQRT, this);
    }

    /** Elementwise absolute value. */
    public Tensor abs() {
        return Pointwise.apply(Pointwise.ABS, this);
    }

    /** Elementwise x^p. */
    public Tensor pow(double p) {
        return Pointwise.apply(Pointwise.pow(p), this);
    }

    /** Elementwise -x. */
    public Tensor neg() {
        return Pointwise.apply(Pointwise.NEG, this);
    }

    /** Elementwise clamp into [lo, hi]; the gradient passes where the value was inside. */
    public Tensor clamp(double lo, double hi) {
        return Pointwise.apply(Pointwise.clamp(lo, hi), this);
    }

    /** this + s. */
    public Tensor add(double s) {
        return Pointwise.apply(Pointwise.addScalar(s), this);
    }

    /** this - s. */
    public Tensor sub(double s) {
        return add(-s);
    }

    /** this · s. */
    public Tensor mul(double s) {
        return Pointwise.apply(Pointwise.mulScalar(s), this);
    }

    /** this / s. */
    public Tensor div(double s) {
        return mul(1.0 / s);
    }

    /** s - this. */
    public Tensor rsub(double s) {
        return neg().add(s);
    }

    // ------------------------------------------------------------------ broadcasting (rules in Broadcast)

    /** Elementwise sum with PyTorch broadcasting. */
    public Tensor add(Tensor o) {
        return Broadcast.add(this, o);
    }

    /** Elementwise difference with broadcasting. */
    public Tensor sub(Tensor o) {
        return Broadcast.sub(this, o);
    }

    /** Elementwise product with broadcasting. */
    public Tensor mul(Tensor o) {
        return Broadcast.mul(this, o);
    }

    /** Elementwise quotient with broadcasting. */
    public Tensor div(Tensor o) {
        return Broadcast.div(this, o);
    }

    /** This tensor repeated along broadcast dimensions to {@code target} (a copy, recorded). */
    public Tensor expand(int... target) {
        return Broadcast.expand(this, target);
    }

    // ------------------------------------------------------------------ reductions (rules in Reductions)

    /** Sum of all elements, a scalar. */
    public Tensor sum() {
        return Reductions.sum(this);
    }

    /** Sum along {@code dim}; {@code keepdim} keeps it as size 1. */
    public Tensor sum(int dim, boolean keepdim) {
        return Reductions.sum(this, dim, keepdim);
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
        return Reductions.max(this, dim, keepdim);
    }

    /** Index of the largest value along {@code dim} (int64). */
    public Tensor argmax(int dim) {
        return max(dim, false).indices();
    }

    /** Index of the largest element of the flattened tensor (int64 scalar). */
    public Tensor argmax() {
        return view(-1).argmax(0);
    }

    /** Softmax along {@code dim} (numerically stable). */
    public Tensor softmax(int dim) {
        return Reductions.softmax(this, dim);
    }

    /** log(softmax) along {@code dim}, computed stably. */
    public Tensor logSoftmax(int dim) {
        return Reductions.logSoftmax(this, dim);
    }

    // ------------------------------------------------------------------ matrix products

    /**
     * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, 2-D·2-D a matrix product,
     * (…, n, k)·(k, m) applies one matrix to every leading index (computed as one GEMM), and
     * (b, n, k)·(b, k, m) is a batched product.
     */
    public Tensor matmul(Tensor o) {
        return Matmul.matmul(this, o);
    }

    /** 2-D matrix product, like {@code torch.mm}. */
    public Tensor mm(Tensor o) {
        return Matmul.checkedMm(this, o);
    }

    /** Batched matrix product (b, n, k)·(b, k, m) → (b, n, m), like {@code torch.bmm}. */
    public Tensor bmm(Tensor o) {
        return Matmul.checkedBmm(this, o);
    }

    // ------------------------------------------------------------------ shape operations (rules in ShapeOps)

    /** The same storage seen with another shape (one dim may be -1), like {@code view}. */
    public Tensor view(int... newShape) {
        return ShapeOps.view(this, newShape);
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
        return ShapeOps.unsqueeze(this, dim);
    }

    /** Removes dimension {@code dim} if it has size 1. */
    public Tensor squeeze(int dim) {
        return ShapeOps.squeeze(this, dim);
    }

    /** Removes every dimension of size 1. */
    public Tensor squeeze() {
        return ShapeOps.squeezeAll(this);
    }

    /** Swaps two dimensions (a copy). */
    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, dim0, dim1);
    }

    /** Transpose of a 2-D tensor. */
    public Tensor t() {
        return ShapeOps.t(this);
    }

    /** Reorders dimensions: output dim i is input dim {@code dims[i]} (a copy). */
    public Tensor permute(int... dims) {
        return ShapeOps.permute(this, dims);
    }

    /** Returns this tensor (every tensor here is already contiguous); for PyTorch-shaped code. */
    public Tensor contiguous() {
        return this;
    }

    /** Elements {@code start..end-1} along {@code dim} (a copy), like {@code x[:, start:end]}. */
    public Tensor slice(int dim, int start, int end) {
        return ShapeOps.slice(this, dim, start, end);
    }

    /** The sub-tensor at index {@code index} of {@code dim}, with that dim removed, like {@code x[:, i]}. */
    public Tensor select(int dim, int index) {
        return ShapeOps.select(this, dim, index);
    }

    /** Rows (or other slices) at the given indices along {@code dim}, like {@code index_select}. */
    public Tensor indexSelect(int dim, int... indices) {
        return ShapeOps.indexSelect(this, dim, indices);
    }

    /** {@link #indexSelect(int, int...)} with an index tensor. */
    public Tensor indexSelect(int dim, Tensor indices) {
        return indexSelect(dim, indices.toIntArray());
    }

    /** Concatenates along an existing dimension, like {@code torch.cat}. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return ShapeOps.cat(tensors, dim);
    }

    /** Concatenates along an existing dimension. */
    public static Tensor cat(int dim, Tensor... tensors) {
        return cat(Arrays.asList(tensors), dim);
    }

    /** Stacks equal-shaped tensors along a new dimension, like {@code torch.stack}. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return ShapeOps.stack(tensors, dim);
    }

    /** Stacks along a new dimension. */
    public static Tensor stack(int dim, Tensor... tensors) {
        return stack(Arrays.asList(tensors), dim);
    }

    /** Splits into {@code chunks} pieces along {@code dim} (the last may be smaller), like {@code chunk}. */
    public List<Tensor> chunk(int chunks, int dim) {
        return ShapeOps.chunk(this, chunks, dim);
    }

    /** Splits into pieces of {@code splitSize} along {@code dim} (the last may be smaller). */
    public List<Tensor> split(int splitSize, int dim) {
        return ShapeOps.split(this, splitSize, dim);
    }

    // ------------------------------------------------------------------ comparison and printing

    /** True when shapes match and |a-b| ≤ atol + rtol·|b| everywhere. */
    public boolean allclose(Tensor other, double rtol, double atol) {
        return Reductions.allclose(this, other, rtol, atol);
    }

    /** {@code allclose} with PyTorch's default tolerances (rtol 1e-5, atol 1e-8). */
    public boolean allclose(Tensor other) {
        return allclose(other, 1e-5, 1e-8);
    }

    /** Largest |a-b| over all elements (shapes must match). */
    public double maxAbsDiff(Tensor other) {
        return Reductions.maxAbsDiff(this, other);
    }

    /** PyTorch's printout: {@code tensor([[...]], grad_fn=<...>)}, summarised beyond 1000 elements. */
    @Override
    public String toString() {
        return TensorFormatter.format(this);
    }
}
