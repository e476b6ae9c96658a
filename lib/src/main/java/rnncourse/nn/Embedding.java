package rnncourse.nn;

import rnncourse.tensor.Autograd;
import rnncourse.tensor.Tensor;

/**
 * A lookup table of learned vectors, like {@code torch.nn.Embedding}: index {@code i} selects row
 * {@code i} of {@code weight} (num_embeddings, embedding_dim), initialised N(0, 1) as PyTorch does.
 * An input of indices of any shape gives an output of that shape plus one dimension of size
 * embedding_dim.
 */
public class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;

    /** {@code Embedding(numEmbeddings, embeddingDim)}. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        if (numEmbeddings <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("Embedding: num_embeddings and embedding_dim must be positive, got ("
                    + numEmbeddings + ", " + embeddingDim + ")");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        registerParameter("weight", Tensor.zeros(numEmbeddings, embeddingDim));
        try (Tensor.NoGrad ignored = Tensor.noGrad()) {
            weight().normal_(0, 1);
        }
    }

    /** The table, shape (num_embeddings, embedding_dim). */
    public Tensor weight() {
        return parameter("weight");
    }

    /** Number of rows of the table. */
    public int numEmbeddings() {
        return numEmbeddings;
    }

    /** Length of each vector. */
    public int embeddingDim() {
        return embeddingDim;
    }

    /**
     * Looks up every index.
     *
     * @param indices integer indices (an int64 tensor, or whole numbers in a float tensor), any shape
     * @throws IndexOutOfBoundsException naming the bad index when one is outside [0, num_embeddings)
     */
    public Tensor forward(Tensor indices) {
        Tensor w = weight();
        int n = indices.numel();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            double v = indices.getFlat(i);
            if (v != Math.rint(v) || v < 0 || v >= numEmbeddings) {
                throw new IndexOutOfBoundsException("Embedding: index " + fmt(v) + " out of range for "
                        + numEmbeddings + " embeddings (valid 0.." + (numEmbeddings - 1) + ")");
            }
            idx[i] = (int) v;
        }
        int[] inShape = indices.shapeArray();
        int[] outShape = java.util.Arrays.copyOf(inShape, inShape.length + 1);
        outShape[inShape.length] = embeddingDim;
        Tensor out = Tensor.zeros(w.dtype(), outShape);
        int d = embeddingDim;
        for (int i = 0; i < n; i++) {
            copyRow(w, idx[i] * d, out, i * d, d);
        }
        return Autograd.record("EmbeddingBackward0", out, g -> {
            Tensor gw = Tensor.zeros(w.dtype(), numEmbeddings, d);
            for (int i = 0; i < n; i++) {
                addRow(g, i * d, gw, idx[i] * d, d);
            }
            return new Tensor[]{gw};
        }, w);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void copyRow(Tensor src, int so, Tensor dst, int dOff, int len) {
        if (dst.isFloat32()) {
            System.arraycopy(src.floatData(), so, dst.floatData(), dOff, len);
        } else {
            System.arraycopy(src.doubleData(), so, dst.doubleData(), dOff, len);
        }
    }

    private static void addRow(Tensor src, int so, Tensor dst, int dOff, int len) {
        if (dst.isFloat32()) {
            float[] s = src.floatData();
            float[] t = dst.floatData();
            for (int j = 0; j < len; j++) {
                t[dOff + j] += s[so + j];
            }
        } else {
            double[] s = src.doubleData();
            double[] t = dst.doubleData();
            for (int j = 0; j < len; j++) {
                t[dOff + j] += s[so + j];
            }
        }
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim;
    }
}
