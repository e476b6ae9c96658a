package rnncourse.tensor.gemm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GEMM through {@code Nd4j.gemm}: the fallback should the OpenBLAS preset not load, and for
 * comparison ({@code -Drnncourse.gemm.backend=nd4j}). It runs the OpenBLAS bundled with ND4J's
 * native build, but through ND4J's op machinery (an op object, shape checks, its executioner),
 * whose cost per call is as large as a recurrent layer's per-time-step products themselves; that
 * is why {@link OpenBlasGemm} calls OpenBLAS directly.
 *
 * <p>Operands are copied into cached off-heap ND4J arrays of the product's shape, which one lock
 * guards (a product at a time); the cache is emptied when it holds {@value #CACHE_LIMIT} arrays.
 */
final class Nd4jGemm {
    private static final Object LOCK = new Object();
    private static final Map<String, INDArray> CACHE = new HashMap<>();
    private static final int CACHE_LIMIT = 96;
    /** Arrays dropped from the cache during the current product, closed when it is done. */
    private static final List<INDArray> RETIRED = new ArrayList<>();

    private Nd4jGemm() {
    }

    /** float32, with the layout of {@link Gemm#sgemm}. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        synchronized (LOCK) {
            gemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff, null, null, null);
        }
    }

    /** float64, with the layout of {@link Gemm#sgemm}. */
    static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        synchronized (LOCK) {
            gemm(transA, transB, m, n, k, null, aOff, null, bOff, beta, null, cOff, a, b, c);
        }
    }

    /** Copies into cached off-heap ND4J arrays, multiplies with Nd4j.gemm, copies the result back. */
    private static void gemm(boolean transA, boolean transB, int m, int n, int k,
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
        RETIRED.forEach(INDArray::close);
        RETIRED.clear();
    }

    private static INDArray cached(String role, DataType type, int rows, int cols) {
        String key = role + type + rows + "x" + cols;
        INDArray arr = CACHE.get(key);
        if (arr == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                // closed after the product: A or B of this one may be among them
                RETIRED.addAll(CACHE.values());
                CACHE.clear();
            }
            arr = Nd4j.create(type, new long[]{rows, cols}, 'c');
            CACHE.put(key, arr);
        }
        return arr;
    }

    /** The library ND4J multiplies with, e.g. "ND4J CpuBackend Nd4j.gemm, vendor OPENBLAS, max threads 2". */
    static String describe() {
        var blas = Nd4j.factory().blas();
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + " Nd4j.gemm, vendor "
                + blas.getBlasVendor() + ", max threads " + blas.getMaxThreads();
    }
}
