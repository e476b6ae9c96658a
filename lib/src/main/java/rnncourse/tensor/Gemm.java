package rnncourse.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A)·op(B) + beta·C}, where
 * {@code op(X)} is X or its transpose.
 *
 * <p>Why two paths: a native call costs a fraction of a microsecond plus copying the operands off
 * the Java heap, which is ruinous for the course's tiny lessons (hidden size 5) but unbeatable for
 * the large ones (batch 100, hidden 128), where BLAS runs at hundreds of GF/s. So products below
 * {@link #nd4jThreshold()} multiply-adds run as plain Java loops on the heap arrays, and larger ones
 * are copied into reused off-heap buffers and multiplied by {@code cblas_sgemm}/{@code cblas_dgemm}
 * of the OpenBLAS that ND4J itself is built on (the JavaCPP preset on ND4J's class path),
 * single-threaded; products from 2²² multiply-adds are cut in two halves computed side by side
 * ({@link Parallel}).
 *
 * <p>Why not {@code Nd4j.gemm}: it goes through ND4J's op machinery (an op object, shape checks,
 * its executioner) which costs tens of microseconds a call — as much as the per-time-step products
 * of an LSTM with hidden size 128 themselves. Calling OpenBLAS directly made that workload's
 * training step about 1.5–2× faster. The ND4J path is kept for comparison
 * ({@code -Drnncourse.gemm.backend=nd4j}), and as the fallback should the OpenBLAS preset not load.
 */
public final class Gemm {
    private static volatile long threshold = Long.getLong("rnncourse.gemm.threshold", 32L * 1024);

    /** Which native library large products use. */
    private enum Backend { OPENBLAS, ND4J }

    private static final String BACKEND_PROPERTY = "rnncourse.gemm.backend";
    private static volatile Backend backend;

    /** Reused off-heap operand buffers of one thread, grown on demand. */
    private static final class Buffers {
        FloatPointer fa;
        FloatPointer fb;
        FloatPointer fc;
        /** The second partial C of a product split along k. */
        FloatPointer fk;
        DoublePointer da;
        DoublePointer db;
        DoublePointer dc;
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** Elements above which a thread's operand buffer is freed after the product instead of kept. */
    private static final long KEEP_LIMIT = 4L << 20;
    private static final Object ND4J_LOCK = new Object();

    private Gemm() {
    }

    /** Multiply-adds (m·n·k) from which a product goes to native BLAS rather than Java loops. */
    public static long nd4jThreshold() {
        return threshold;
    }

    /** Sets {@link #nd4jThreshold()}; {@code Long.MAX_VALUE} keeps every product in Java. */
    public static void setNd4jThreshold(long multiplyAdds) {
        threshold = multiplyAdds;
    }

    /**
     * Describes the native library that large products use (loads it).
     *
     * @return e.g. "BLAS: OpenBLAS (JavaCPP preset) via cblas_sgemm, 2 threads; ND4J build (generic)"
     */
    public static synchronized String backendInfo() {
        Backend b = backend();
        String build = "ND4J build " + System.getProperty("org.bytedeco.javacpp.platform.extension", "(generic)");
        if (b == Backend.OPENBLAS) {
            return "BLAS: OpenBLAS (JavaCPP preset) via cblas_sgemm, kernels " + OpenBlasCore.select() + ", single-threaded"
                    + (Parallel.available() ? ", large products and recurrent time loops split over 2 threads" : "") + "; " + build;
        }
        var blas = Nd4j.factory().blas();
        return "BLAS: ND4J " + Nd4j.getBackend().getClass().getSimpleName() + " Nd4j.gemm, vendor "
                + blas.getBlasVendor() + ", max threads " + blas.getMaxThreads() + "; " + build;
    }

    /** Picks (once) the native path: OpenBLAS directly unless told otherwise or it fails to load. */
    private static Backend backend() {
        Backend b = backend;
        return b != null ? b : chooseBackend();
    }

    private static synchronized Backend chooseBackend() {
        if (backend == null) {
            String want = System.getProperty(BACKEND_PROPERTY, "openblas");
            if (!want.equals("openblas") && !want.equals("nd4j")) {
                throw new IllegalArgumentException("-D" + BACKEND_PROPERTY + " must be 'openblas' or 'nd4j', got '"
                        + want + "'");
            }
            Backend chosen = Backend.ND4J;
            OpenBlasCore.select();
            if (want.equals("openblas")) {
                try {
                    org.bytedeco.javacpp.Loader.load(openblas_nolapack.class);
                    openblas_nolapack.blas_set_num_threads(1);
                    chosen = Backend.OPENBLAS;
                } catch (LinkageError | RuntimeException e) {
                    System.err.println("rnncourse: OpenBLAS did not load (" + e + "); large products use ND4J");
                }
            }
            backend = chosen;
        }
        return backend;
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
            nativeSgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
            return;
        }
        javaSgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    }

    /** The Java-loop float32 GEMM (the reference the native path is tested against). */
    static void javaSgemm(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
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
     * A float32 matrix kept in native memory for many products, such as a recurrent layer's
     * hidden-to-hidden weight, which every time step multiplies: copying it once instead of at every
     * step saves a quarter of those products' time. It holds a snapshot: later changes to the Java
     * array are not seen. Close it to free the native copy.
     */
    public static final class Resident implements AutoCloseable {
        private final float[] data;
        private final int off;
        private final int length;
        private FloatPointer copy;
        /** The column-blocked copy for small-row products (see {@link Gemm#columnBlock}), and its shape. */
        private FloatPointer blocked;
        private int blockedK;
        private int blockedN;
        private int blockedWidth;

        private Resident(float[] data, int off, int length) {
            this.data = data;
            this.off = off;
            this.length = length;
        }

        /** The native copy, made on first use. */
        private synchronized FloatPointer pointer() {
            if (copy == null) {
                copy = new FloatPointer(length);
                copyIn(copy, data, off, length);
            }
            return copy;
        }

        /**
         * This matrix, read as the k×n B of an untransposed product, in native memory as
         * consecutive column blocks of the given width, each k×width row-major: block j holds
         * columns [j·width, (j+1)·width). Made on first use.
         */
        private synchronized FloatPointer blocked(int k, int n, int width) {
            if (blocked == null || blockedK != k || blockedN != n || blockedWidth != width) {
                float[] arranged = new float[k * n];
                int pos = 0;
                for (int j0 = 0; j0 < n; j0 += width) {
                    int w = Math.min(width, n - j0);
                    for (int row = 0; row < k; row++) {
                        System.arraycopy(data, off + row * n + j0, arranged, pos, w);
                        pos += w;
                    }
                }
                if (blocked != null) {
                    blocked.close();
                }
                blocked = new FloatPointer(arranged.length);
                blocked.put(arranged, 0, arranged.length);
                blockedK = k;
                blockedN = n;
                blockedWidth = width;
            }
            return blocked;
        }

        @Override
        public synchronized void close() {
            if (copy != null) {
                copy.close();
                copy = null;
            }
            if (blocked != null) {
                blocked.close();
                blocked = null;
            }
        }
    }

    /** Wraps {@code data[off..off+length)} for {@link #sgemm(boolean, boolean, int, int, int, float[], int, Resident, float, float[], int)}. */
    public static Resident resident(float[] data, int off, int length) {
        return new Resident(data, off, length);
    }

    /** {@link #sgemm} with B held by a {@link Resident} (B's layout as there). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, Resident b, float beta, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if ((long) m * n * k < threshold || backend() != Backend.OPENBLAS) {
            sgemm(transA, transB, m, n, k, a, aOff, b.data, b.off, beta, c, cOff);
            return;
        }
        floatCore(transA, transB, m, n, k, a, aOff, null, b.data, b.off, b, beta, c, cOff);
    }

    /** {@link #sgemm} with A held by a {@link Resident} (A's layout as there). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             Resident a, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        if ((long) m * n * k < threshold || backend() != Backend.OPENBLAS) {
            sgemm(transA, transB, m, n, k, a.data, a.off, b, bOff, beta, c, cOff);
            return;
        }
        floatCore(transA, transB, m, n, k, a.data, a.off, a, b, bOff, null, beta, c, cOff);
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
            nativeDgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
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

    /** A buffer of at least n floats: the old one, or a new one with headroom. */
    private static FloatPointer grow(FloatPointer p, long n) {
        if (p != null && p.capacity() >= n) {
            return p;
        }
        if (p != null) {
            p.close();
        }
        return new FloatPointer(Math.max(n, p == null ? 0 : p.capacity() * 3 / 2));
    }

    private static DoublePointer grow(DoublePointer p, long n) {
        if (p != null && p.capacity() >= n) {
            return p;
        }
        if (p != null) {
            p.close();
        }
        return new DoublePointer(Math.max(n, p == null ? 0 : p.capacity() * 3 / 2));
    }

    /** Multiply-adds from which one product is computed in two halves on two threads. */
    private static final long SPLIT_THRESHOLD = Long.getLong("rnncourse.gemm.splitThreshold", 1L << 22);
    /** Multiply-adds from which a product with a small C is split along k (see splitsAlongK). */
    private static final long K_SPLIT_THRESHOLD = Long.getLong("rnncourse.gemm.kSplitThreshold", 1L << 19);

    /** OpenBLAS is used single-threaded (see {@link Parallel}); say so again if ND4J changed it. */
    private static void singleThreadedBlas() {
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    /**
     * Where one part of a product starts in each operand and how big it is: the rows [p0, p1) of C,
     * or its columns when {@code byColumns}. Pointers stay the whole operands; a part is addressed
     * by offset and leading dimension, so the two halves of a product read and write the same
     * native buffers.
     */
    private record Part(int m, int n, long aOffset, long bOffset, long cOffset) {
        static Part of(boolean transA, boolean transB, int m, int n, int k, boolean byColumns, int p0, int p1) {
            if (byColumns) {
                return new Part(m, p1 - p0, 0, transB ? (long) p0 * k : p0, p0);
            }
            return new Part(p1 - p0, n, transA ? p0 : (long) p0 * k, 0, (long) p0 * n);
        }
    }

    /** One part of a float32 product in one cblas call (see {@link Part}). */
    private static void sgemmPart(boolean transA, boolean transB, int m, int n, int k, FloatPointer a,
                                  FloatPointer b, float beta, FloatPointer c, boolean byColumns, int p0, int p1) {
        Part p = Part.of(transA, transB, m, n, k, byColumns, p0, p1);
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, cblasTrans(transA), cblasTrans(transB),
                p.m(), p.n(), k, 1f, a.getPointer(p.aOffset()), transA ? m : k,
                b.getPointer(p.bOffset()), transB ? k : n, beta, c.getPointer(p.cOffset()), n);
    }

    /** One part of a float64 product in one cblas call (see {@link Part}). */
    private static void dgemmPart(boolean transA, boolean transB, int m, int n, int k, DoublePointer a,
                                  DoublePointer b, double beta, DoublePointer c, boolean byColumns, int p0, int p1) {
        Part p = Part.of(transA, transB, m, n, k, byColumns, p0, p1);
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, cblasTrans(transA), cblasTrans(transB),
                p.m(), p.n(), k, 1.0, a.getPointer(p.aOffset()), transA ? m : k,
                b.getPointer(p.bOffset()), transB ? k : n, beta, c.getPointer(p.cOffset()), n);
    }

    /** Whether OpenBLAS runs its AVX-512 (SkylakeX-class) kernels, whose small-matrix path {@link #columnBlock} uses. */
    private static final boolean SMALL_MATRIX_KERNELS = OpenBlasCore.avx512Kernels();

    /**
     * The column-block width for an untransposed product with a resident B, or 0 for one call.
     *
     * <p>Why: a recurrent layer multiplies a few dozen rows by the same weight at every time step
     * (50×128 by 128×512 forward, 50×512 by 512×128 backward, per half batch). OpenBLAS packs the
     * whole weight at every such call, which is a third of its time; its AVX-512 kernels have a
     * small-matrix path without packing, taken when m·n·k ≤ 10⁶. Cutting B into column blocks that
     * qualify, stored block by block, runs those products 30–35 % faster (measured 40 → 25 µs and
     * 40 → 26 µs; 100×512×128: 65 → 50 µs). The width is the largest power of two with
     * m·width·k ≤ 10⁶, at most 64 — the fastest in those measurements.
     */
    static int columnBlock(int m, int n, int k) {
        if (!SMALL_MATRIX_KERNELS || (long) m * n * k <= 1_000_000L || m > 128) {
            return 0;
        }
        long fit = 1_000_000L / ((long) m * k);
        int width = 64;
        while (width > fit) {
            width /= 2;
        }
        return width >= 16 && width < n ? width : 0;
    }

    /** C = A·B (+ beta·C) with B stored as column blocks (see {@link #columnBlock}), one call a block. */
    private static void blockedSgemm(int m, int n, int k, float[] a, int aOff, Resident ra, FloatPointer bBlocks,
                                     int width, float beta, float[] c, int cOff, Buffers buf) {
        FloatPointer fa;
        if (ra != null) {
            fa = ra.pointer();
        } else {
            fa = buf.fa = grow(buf.fa, (long) m * k);
            copyIn(fa, a, aOff, m * k);
        }
        FloatPointer fc = buf.fc = grow(buf.fc, (long) m * n);
        if (beta != 0f) {
            fc.position(0).put(c, cOff, m * n);
        }
        fa.position(0);
        fc.position(0);
        bBlocks.position(0);
        for (int j0 = 0; j0 < n; j0 += width) {
            int w = Math.min(width, n - j0);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, m, w, k, 1f, fa, k, bBlocks.getPointer((long) j0 * k), w,
                    beta, fc.getPointer(j0), n);
        }
        fc.position(0).get(c, cOff, m * n);
        trim(buf);
    }

    /**
     * Whether a product is computed as two halves of its inner dimension on two threads, whose
     * partial results are then added: for a small C with a long k, such as a weight gradient
     * (25×25 summed over 1,700 rows in the char-RNN), which rows or columns cannot split.
     *
     * <p>The decision depends on the shape only, never on the number of cores: on one core the two
     * halves run one after the other and are added the same way, so the sum — whose rounding
     * depends on where it is cut — is the same bits everywhere.
     */
    private static boolean splitsAlongK(long multiplyAdds, int m, int n, int k) {
        return multiplyAdds >= K_SPLIT_THRESHOLD && Math.max(m, n) < 64 && k >= 256;
    }

    /** C = A[:, k0..k1)·B[k0..k1, :] (+ beta·C): one half of a product split along k. */
    private static void sgemmKPart(boolean transA, boolean transB, int m, int n, int k, FloatPointer a,
                                   FloatPointer b, int k0, int k1, float beta, FloatPointer c) {
        long aOffset = transA ? (long) k0 * m : k0;
        long bOffset = transB ? k0 : (long) k0 * n;
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, cblasTrans(transA), cblasTrans(transB),
                m, n, k1 - k0, 1f, a.getPointer(aOffset), transA ? m : k,
                b.getPointer(bOffset), transB ? k : n, beta, c.getPointer(0), n);
    }

    private static int cblasTrans(boolean trans) {
        return trans ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    }

    /** Computes C by one call, or by two halves (rows or columns, whichever is longer) side by side. */
    private static void compute(long multiplyAdds, int m, int n, PartCall part) {
        if (multiplyAdds < SPLIT_THRESHOLD || Math.max(m, n) < 32) {
            part.run(false, 0, m);
        } else if (m >= n) {
            int mid = (m / 2 + 7) & ~7;
            Parallel.run(() -> part.run(false, 0, mid), () -> part.run(false, mid, m));
        } else {
            int mid = (n / 2 + 7) & ~7;
            Parallel.run(() -> part.run(true, 0, mid), () -> part.run(true, mid, n));
        }
    }

    /** One part of a product: rows (or columns) p0 ≤ i &lt; p1 of C. */
    private interface PartCall {
        void run(boolean byColumns, int p0, int p1);
    }

    private static void nativeSgemm(boolean transA, boolean transB, int m, int n, int k,
                                    float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (backend() == Backend.ND4J) {
            synchronized (ND4J_LOCK) {
                nd4jGemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff, null, null, null);
            }
            return;
        }
        floatCore(transA, transB, m, n, k, a, aOff, null, b, bOff, null, beta, c, cOff);
    }

    /**
     * The OpenBLAS float32 product: copies A and B unless resident, then computes C whole or in
     * two halves side by side; each half copies its own part of C in (beta ≠ 0) and out, so those
     * copies — as large as the arithmetic for the layers' products — are split too.
     */
    private static void floatCore(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, Resident ra, float[] b, int bOff, Resident rb,
                                  float beta, float[] c, int cOff) {
        singleThreadedBlas();
        Buffers buf = BUFFERS.get();
        int width = rb != null && !transA && !transB ? columnBlock(m, n, k) : 0;
        if (width > 0) {
            blockedSgemm(m, n, k, a, aOff, ra, rb.blocked(k, n, width), width, beta, c, cOff, buf);
            return;
        }
        // when the halves' own rows of A (row split) or of a transposed B (column split) are
        // contiguous, each half copies its part (the same decision as compute())
        boolean kSplit = splitsAlongK((long) m * n * k, m, n, k);
        boolean splits = !kSplit && (long) m * n * k >= SPLIT_THRESHOLD && Math.max(m, n) >= 32;
        boolean aInParts = ra == null && splits && m >= n && !transA;
        boolean bInParts = rb == null && splits && n > m && transB;
        FloatPointer fa;
        if (ra != null) {
            fa = ra.pointer();
        } else {
            fa = buf.fa = grow(buf.fa, (long) m * k);
            if (!aInParts) {
                copyIn(fa, a, aOff, m * k);
            }
        }
        FloatPointer fb;
        if (rb != null) {
            fb = rb.pointer();
        } else {
            fb = buf.fb = grow(buf.fb, (long) k * n);
            if (!bInParts) {
                copyIn(fb, b, bOff, k * n);
            }
        }
        FloatPointer fc = buf.fc = grow(buf.fc, (long) m * n);
        if (kSplit) {
            FloatPointer fk = buf.fk = grow(buf.fk, (long) m * n);
            int kMid = k / 2;
            Parallel.run(() -> {
                if (beta != 0f) {
                    fc.position(0).put(c, cOff, m * n);
                }
                sgemmKPart(transA, transB, m, n, k, fa, fb, 0, kMid, beta, fc);
            }, () -> sgemmKPart(transA, transB, m, n, k, fa, fb, kMid, k, 0f, fk));
            float[] second = new float[m * n];
            fk.position(0).get(second);
            fc.position(0).get(c, cOff, m * n);
            for (int i = 0; i < second.length; i++) {
                c[cOff + i] += second[i];
            }
            trim(buf);
            return;
        }
        compute((long) m * n * k, m, n, (byColumns, p0, p1) -> {
            if (aInParts) {
                fa.getPointer((long) p0 * k).put(a, aOff + p0 * k, (p1 - p0) * k);
            }
            if (bInParts) {
                fb.getPointer((long) p0 * k).put(b, bOff + p0 * k, (p1 - p0) * k);
            }
            if (beta != 0f) {
                copyPart(fc, c, cOff, m, n, byColumns, p0, p1, true);
            }
            sgemmPart(transA, transB, m, n, k, fa, fb, beta, fc, byColumns, p0, p1);
            copyPart(fc, c, cOff, m, n, byColumns, p0, p1, false);
        });
        trim(buf);
    }

    /** Elements from which a copy into native memory is done in two halves on the two threads. */
    private static final int PARALLEL_COPY = 1 << 18;

    /**
     * dst[0..len) = src[off..off+len). Large copies (an operand of megabytes, such as the gate
     * gradients of a whole LSTM layer that three weight-gradient products read) run in two halves
     * side by side: their source is rarely in cache, and one core does not saturate the memory.
     */
    private static void copyIn(FloatPointer dst, float[] src, int off, int len) {
        dst.position(0); // views taken below keep this position
        if (len < PARALLEL_COPY || !Parallel.available()) {
            dst.put(src, off, len);
            return;
        }
        int half = len / 2;
        Parallel.run(() -> dst.getPointer(0).put(src, off, half),
                () -> dst.getPointer(half).put(src, off + half, len - half));
    }

    /** Copies rows (or columns) p0 ≤ i &lt; p1 of the m×n matrix C into ({@code in}) or out of fc. */
    private static void copyPart(FloatPointer fc, float[] c, int cOff, int m, int n, boolean byColumns,
                                 int p0, int p1, boolean in) {
        FloatPointer view = fc.getPointer(0); // own position: the other half uses fc at the same time
        if (!byColumns) {
            view.position((long) p0 * n);
            if (in) {
                view.put(c, cOff + p0 * n, (p1 - p0) * n);
            } else {
                view.get(c, cOff + p0 * n, (p1 - p0) * n);
            }
            return;
        }
        for (int r = 0; r < m; r++) {
            view.position((long) r * n + p0);
            if (in) {
                view.put(c, cOff + r * n + p0, p1 - p0);
            } else {
                view.get(c, cOff + r * n + p0, p1 - p0);
            }
        }
    }

    /** Frees a thread's very large buffers: a one-off huge product must not pin its memory for good. */
    private static void trim(Buffers buf) {
        if (buf.fa != null && buf.fa.capacity() > KEEP_LIMIT) {
            buf.fa.close();
            buf.fa = null;
        }
        if (buf.fb != null && buf.fb.capacity() > KEEP_LIMIT) {
            buf.fb.close();
            buf.fb = null;
        }
        if (buf.fc != null && buf.fc.capacity() > KEEP_LIMIT) {
            buf.fc.close();
            buf.fc = null;
        }
        if (buf.fk != null && buf.fk.capacity() > KEEP_LIMIT) {
            buf.fk.close();
            buf.fk = null;
        }
        if (buf.da != null && buf.da.capacity() > KEEP_LIMIT) {
            buf.da.close();
            buf.da = null;
        }
        if (buf.db != null && buf.db.capacity() > KEEP_LIMIT) {
            buf.db.close();
            buf.db = null;
        }
        if (buf.dc != null && buf.dc.capacity() > KEEP_LIMIT) {
            buf.dc.close();
            buf.dc = null;
        }
    }

    private static void nativeDgemm(boolean transA, boolean transB, int m, int n, int k,
                                    double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        if (backend() == Backend.ND4J) {
            synchronized (ND4J_LOCK) {
                nd4jGemm(transA, transB, m, n, k, null, aOff, null, bOff, beta, null, cOff, a, b, c);
            }
            return;
        }
        singleThreadedBlas();
        Buffers buf = BUFFERS.get();
        DoublePointer da = buf.da = grow(buf.da, (long) m * k);
        DoublePointer db = buf.db = grow(buf.db, (long) k * n);
        DoublePointer dc = buf.dc = grow(buf.dc, (long) m * n);
        da.position(0).put(a, aOff, m * k);
        db.position(0).put(b, bOff, k * n);
        if (beta != 0) {
            dc.position(0).put(c, cOff, m * n);
        }
        compute((long) m * n * k, m, n, (byColumns, p0, p1) ->
                dgemmPart(transA, transB, m, n, k, da, db, beta, dc, byColumns, p0, p1));
        dc.position(0).get(c, cOff, m * n);
        trim(buf);
    }

    /* ---- ND4J path (comparison and fallback) ---- */

    private static final java.util.Map<String, INDArray> CACHE = new java.util.HashMap<>();
    private static final int CACHE_LIMIT = 96;

    /** Copies into cached off-heap ND4J arrays, multiplies with Nd4j.gemm, copies the result back. */
    private static void nd4jGemm(boolean transA, boolean transB, int m, int n, int k,
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
