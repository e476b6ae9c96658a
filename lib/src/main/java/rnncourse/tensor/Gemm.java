package rnncourse.tensor;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A)·op(B) + beta·C}, where
 * {@code op(X)} is X or its transpose.
 *
 * <p>Why two paths: a JNI call into ND4J costs microseconds and its arrays live off the Java heap,
 * which is ruinous for the course's tiny lessons (hidden size 5) but unbeatable for the large ones
 * (batch 100, hidden 128), where BLAS runs at hundreds of GF/s. So products below
 * {@link #nd4jThreshold()} multiply-adds run as plain Java loops on the heap arrays, and larger ones
 * are copied into cached off-heap ND4J arrays (the copy is a memcpy, a few percent of the GEMM) and
 * multiplied by ND4J's BLAS into a preallocated result. ND4J is only loaded the first time a large
 * product needs it.
 */
public final class Gemm {
    private static volatile long threshold = Long.getLong("rnncourse.gemm.threshold", 32L * 1024);
    private static final Map<String, INDArray> CACHE = new HashMap<>();
    private static final int CACHE_LIMIT = 96;

    private Gemm() {
    }

    /** Multiply-adds (m·n·k) from which a product goes to ND4J's BLAS rather than Java loops. */
    public static long nd4jThreshold() {
        return threshold;
    }

    /** Sets {@link #nd4jThreshold()}; {@code Long.MAX_VALUE} keeps every product in Java. */
    public static void setNd4jThreshold(long multiplyAdds) {
        threshold = multiplyAdds;
    }

    /**
     * Describes the ND4J backend and BLAS that large products use (loads ND4J).
     *
     * @return e.g. "ND4J CpuBackend, BLAS: OPENBLAS, 2 threads"
     */
    public static String backendInfo() {
        var backend = Nd4j.getBackend();
        var blas = Nd4j.factory().blas();
        return "ND4J " + backend.getClass().getSimpleName() + ", BLAS vendor " + blas.getBlasVendor()
                + ", max threads " + blas.getMaxThreads()
                + ", platform build " + System.getProperty("org.bytedeco.javacpp.platform.extension", "(generic)");
    }

    /**
     * float32 GEMM on row-major arrays. A is m×k (stored k×m when {@code transA}), B is k×n
     * (stored n×k when {@code transB}), C is m×n; each starts at its offset.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if ((long) m * n * k >= threshold) {
            nd4jGemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff, null, null, null);
            return;
        }
        scale(c, cOff, m * n, beta);
        if (!transA && !transB) {
            for (int i = 0; i < m; i++) {
                int co = cOff + i * n;
                int ao = aOff + i * k;
                for (int p = 0; p < k; p++) {
                    float av = a[ao + p];
                    if (av == 0f) {
                        continue;
                    }
                    int bo = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[co + j] += av * b[bo + j];
                    }
                }
            }
        } else if (transA && !transB) {
            for (int p = 0; p < k; p++) {
                int ao = aOff + p * m;
                int bo = bOff + p * n;
                for (int i = 0; i < m; i++) {
                    float av = a[ao + i];
                    if (av == 0f) {
                        continue;
                    }
                    int co = cOff + i * n;
                    for (int j = 0; j < n; j++) {
                        c[co + j] += av * b[bo + j];
                    }
                }
            }
        } else if (!transA) {
            for (int i = 0; i < m; i++) {
                int ao = aOff + i * k;
                int co = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    int bo = bOff + j * k;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[ao + p] * b[bo + p];
                    }
                    c[co + j] += s;
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                int co = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    int bo = bOff + j * k;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[aOff + p * m + i] * b[bo + p];
                    }
                    c[co + j] += s;
                }
            }
        }
    }

    /**
     * GEMM on tensors' storage, choosing float32 or float64 by {@code c}'s dtype (a and b must have
     * the same dtype as c): C = A·B + beta·C with the layout of {@link #sgemm}.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            Tensor a, int aOff, Tensor b, int bOff, double beta, Tensor c, int cOff) {
        if (c.isFloat32()) {
            sgemm(transA, transB, m, n, k, a.floatData(), aOff, b.floatData(), bOff, (float) beta, c.floatData(), cOff);
        } else {
            dgemm(transA, transB, m, n, k, a.doubleData(), aOff, b.doubleData(), bOff, beta, c.doubleData(), cOff);
        }
    }

    /** float64 GEMM, same layout as {@link #sgemm}. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if ((long) m * n * k >= threshold) {
            nd4jGemm(transA, transB, m, n, k, null, aOff, null, bOff, beta, null, cOff, a, b, c);
            return;
        }
        if (beta == 0) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        } else if (beta != 1) {
            for (int i = cOff; i < cOff + m * n; i++) {
                c[i] *= beta;
            }
        }
        for (int i = 0; i < m; i++) {
            int co = cOff + i * n;
            for (int p = 0; p < k; p++) {
                double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                if (av == 0) {
                    continue;
                }
                if (!transB) {
                    int bo = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[co + j] += av * b[bo + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c[co + j] += av * b[bOff + j * k + p];
                    }
                }
            }
        }
    }

    private static void scale(float[] c, int off, int len, float beta) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, off, off + len, 0f);
        } else if (beta != 1f) {
            for (int i = off; i < off + len; i++) {
                c[i] *= beta;
            }
        }
    }

    /** Copies into cached off-heap arrays, multiplies with ND4J's BLAS, copies the result back. */
    private static synchronized void nd4jGemm(boolean transA, boolean transB, int m, int n, int k,
                                              float[] fa, int aOff, float[] fb, int bOff, double beta, float[] fc,
                                              int cOff, double[] da, double[] db, double[] dc) {
        boolean f32 = fa != null;
        DataType type = f32 ? DataType.FLOAT : DataType.DOUBLE;
        INDArray a = cached("A", type, transA ? k : m, transA ? m : k);
        INDArray b = cached("B", type, transB ? n : k, transB ? k : n);
        INDArray c = cached("C", type, m, n);
        if (f32) {
            ((FloatPointer) a.data().addressPointer()).put(fa, aOff, m * k);
            ((FloatPointer) b.data().addressPointer()).put(fb, bOff, k * n);
            if (beta != 0) {
                ((FloatPointer) c.data().addressPointer()).put(fc, cOff, m * n);
            }
        } else {
            ((DoublePointer) a.data().addressPointer()).put(da, aOff, m * k);
            ((DoublePointer) b.data().addressPointer()).put(db, bOff, k * n);
            if (beta != 0) {
                ((DoublePointer) c.data().addressPointer()).put(dc, cOff, m * n);
            }
        }
        Nd4j.gemm(a, b, c, transA, transB, 1.0, beta);
        if (f32) {
            ((FloatPointer) c.data().addressPointer()).get(fc, cOff, m * n);
        } else {
            ((DoublePointer) c.data().addressPointer()).get(dc, cOff, m * n);
        }
    }

    private static INDArray cached(String role, DataType type, int rows, int cols) {
        String key = role + type + rows + "x" + cols;
        INDArray arr = CACHE.get(key);
        if (arr == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.values().forEach(INDArray::close);
                CACHE.clear();
            }
            arr = Nd4j.create(type, new long[]{rows, cols}, 'c');
            CACHE.put(key, arr);
        }
        return arr;
    }
}
