package rnncourse.tensor.gemm;

import java.util.function.LongFunction;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import rnncourse.tensor.gemm.GemmPlan.Split;
import rnncourse.tensor.threads.Parallel;

/**
 * The GEMM through {@code cblas_sgemm}/{@code cblas_dgemm} of the OpenBLAS that ND4J itself is
 * built on (the JavaCPP preset on ND4J's class path), called directly and single-threaded: the
 * operands are copied into reused off-heap buffers of the calling thread (or read from a
 * {@link Gemm.Resident}'s native copy), multiplied as the {@link GemmPlan} says, and C is copied
 * back.
 *
 * <p>Why single-threaded: OpenBLAS's own thread pool spins while it waits and, on two cores,
 * fought with everything else; the library cuts products in two itself, by shape
 * ({@link GemmPlan}), and runs the halves on {@link Parallel}. Each half copies its own part of C
 * in (beta ≠ 0) and out, and of A or B where its rows are contiguous, so those copies — as large
 * as the arithmetic for the layers' products — are split too.
 */
final class OpenBlasGemm {
    /** Reused off-heap operand buffers of one thread, grown on demand. */
    private static final class Buffers {
        FloatPointer fa;
        FloatPointer fb;
        FloatPointer fc;
        /** The second partial C of a product cut along k, and its heap copy. */
        FloatPointer fk;
        float[] partial;
        DoublePointer da;
        DoublePointer db;
        DoublePointer dc;
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** Elements above which a thread's operand buffer is freed after the product instead of kept. */
    private static final long KEEP_LIMIT = 4L << 20;
    /** Elements from which a copy into native memory is done in two halves on the two threads. */
    private static final int PARALLEL_COPY = 1 << 18;

    private OpenBlasGemm() {
    }

    /** Loads the OpenBLAS preset and makes it single-threaded; throws what loading threw. */
    static void load() {
        Loader.load(openblas_nolapack.class);
        openblas_nolapack.blas_set_num_threads(1);
    }

    /** What {@link Gemm#backendInfo()} says of this path. */
    static String describe() {
        return "OpenBLAS (JavaCPP preset) via cblas_sgemm, kernels " + OpenBlasCore.select() + ", single-threaded"
                + (Parallel.available() ? ", large products and recurrent time loops split over 2 threads" : "");
    }

    /**
     * float32 C = op(A)·op(B) + beta·C (layout of {@link Gemm#sgemm}) as {@code plan} says; A or B
     * may be resident ({@code ra}, {@code rb} non-null), and COLUMN_BLOCKS needs a resident B.
     */
    static void sgemm(GemmPlan plan, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, Gemm.Resident ra, float[] b, int bOff, Gemm.Resident rb,
                      float beta, float[] c, int cOff) {
        singleThreadedBlas();
        Buffers buf = BUFFERS.get();
        Split split = plan.split();
        if (split == Split.COLUMN_BLOCKS) {
            int width = plan.blockWidth();
            columnBlocks(m, n, k, a, aOff, ra, rb.blocked(k, n, width), width, beta, c, cOff, buf);
            return;
        }
        // the halves copy their own rows of A (row cut) or of a transposed B (column cut): contiguous
        boolean aInParts = ra == null && split == Split.ROWS && !transA;
        boolean bInParts = rb == null && split == Split.COLUMNS && transB;
        FloatPointer fa = ra != null ? ra.pointer() : (buf.fa = staged(buf.fa, a, aOff, m * k, !aInParts));
        FloatPointer fb = rb != null ? rb.pointer() : (buf.fb = staged(buf.fb, b, bOff, k * n, !bInParts));
        FloatPointer fc = buf.fc = grow(buf.fc, (long) m * n, FloatPointer::new);
        if (split == Split.K_HALVES) {
            kHalves(plan.splitPoint(m, n, k), transA, transB, m, n, k, fa, fb, fc, beta, c, cOff, buf);
        } else {
            inParts(plan, m, n, k, (byColumns, p0, p1) -> {
                if (aInParts) {
                    fa.getPointer((long) p0 * k).put(a, aOff + p0 * k, (p1 - p0) * k);
                }
                if (bInParts) {
                    fb.getPointer((long) p0 * k).put(b, bOff + p0 * k, (p1 - p0) * k);
                }
                if (beta != 0f) {
                    copyPart(fc, c, cOff, m, n, byColumns, p0, p1, true);
                }
                gemmPart(transA, transB, m, n, k, fa, fb, beta, fc, byColumns, p0, p1);
                copyPart(fc, c, cOff, m, n, byColumns, p0, p1, false);
            });
        }
        trim(buf);
    }

    /** float64 C = op(A)·op(B) + beta·C (layout of {@link Gemm#sgemm}), whole or cut by rows or columns. */
    static void dgemm(GemmPlan plan, boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        singleThreadedBlas();
        Buffers buf = BUFFERS.get();
        DoublePointer da = buf.da = grow(buf.da, (long) m * k, DoublePointer::new);
        DoublePointer db = buf.db = grow(buf.db, (long) k * n, DoublePointer::new);
        DoublePointer dc = buf.dc = grow(buf.dc, (long) m * n, DoublePointer::new);
        da.position(0).put(a, aOff, m * k);
        db.position(0).put(b, bOff, k * n);
        if (beta != 0) {
            dc.position(0).put(c, cOff, m * n);
        }
        inParts(plan, m, n, k, (byColumns, p0, p1) ->
                gemmPart(transA, transB, m, n, k, da, db, beta, dc, byColumns, p0, p1));
        dc.position(0).get(c, cOff, m * n);
        trim(buf);
    }

    /** Runs C whole (NONE) or as its two halves of rows or columns side by side. */
    private static void inParts(GemmPlan plan, int m, int n, int k, PartCall part) {
        switch (plan.split()) {
            case NONE -> part.run(false, 0, m);
            case ROWS -> {
                int mid = plan.splitPoint(m, n, k);
                Parallel.run(() -> part.run(false, 0, mid), () -> part.run(false, mid, m));
            }
            case COLUMNS -> {
                int mid = plan.splitPoint(m, n, k);
                Parallel.run(() -> part.run(true, 0, mid), () -> part.run(true, mid, n));
            }
            default -> throw new IllegalStateException(plan + " is not cut by rows or columns");
        }
    }

    /** One part of a product: rows (or columns) p0 ≤ i &lt; p1 of C. */
    private interface PartCall {
        void run(boolean byColumns, int p0, int p1);
    }

    /**
     * C = A[:, 0..kMid)·B[0..kMid, :] + beta·C and A[:, kMid..k)·B[kMid..k, :] side by side, then
     * their sum; on one core the halves run in turn and are added the same way.
     */
    private static void kHalves(int kMid, boolean transA, boolean transB, int m, int n, int k, FloatPointer fa,
                                FloatPointer fb, FloatPointer fc, float beta, float[] c, int cOff, Buffers buf) {
        FloatPointer fk = buf.fk = grow(buf.fk, (long) m * n, FloatPointer::new);
        Parallel.run(() -> {
            if (beta != 0f) {
                fc.position(0).put(c, cOff, m * n);
            }
            sgemmKPart(transA, transB, m, n, k, fa, fb, 0, kMid, beta, fc);
        }, () -> sgemmKPart(transA, transB, m, n, k, fa, fb, kMid, k, 0f, fk));
        int size = m * n;
        if (buf.partial == null || buf.partial.length < size) {
            buf.partial = new float[size];
        }
        float[] second = buf.partial;
        fk.position(0).get(second, 0, size);
        fc.position(0).get(c, cOff, size);
        for (int i = 0; i < size; i++) {
            c[cOff + i] += second[i];
        }
    }

    /** C = A[:, k0..k1)·B[k0..k1, :] (+ beta·C): one half of a product cut along k. */
    private static void sgemmKPart(boolean transA, boolean transB, int m, int n, int k, FloatPointer a,
                                   FloatPointer b, int k0, int k1, float beta, FloatPointer c) {
        long aOffset = transA ? (long) k0 * m : k0;
        long bOffset = transB ? k0 : (long) k0 * n;
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, cblasTrans(transA), cblasTrans(transB),
                m, n, k1 - k0, 1f, a.getPointer(aOffset), transA ? m : k,
                b.getPointer(bOffset), transB ? k : n, beta, c.getPointer(0), n);
    }

    /**
     * The m×n×k product of a resident B, stored as column blocks (see
     * {@link GemmPlan.Rules#columnBlockWidth}), in one call a block, so each call is small enough for
     * OpenBLAS's small-matrix kernels.
     */
    private static void columnBlocks(int m, int n, int k, float[] a, int aOff, Gemm.Resident ra, FloatPointer bBlocks,
                                     int width, float beta, float[] c, int cOff, Buffers buf) {
        FloatPointer fa = ra != null ? ra.pointer() : (buf.fa = staged(buf.fa, a, aOff, m * k, true));
        FloatPointer fc = buf.fc = grow(buf.fc, (long) m * n, FloatPointer::new);
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
     * The k×n row-major matrix {@code data[off..)} as consecutive column blocks of the given width,
     * each k×width row-major: block j holds columns [j·width, (j+1)·width), the last one may be
     * narrower. The layout {@link #columnBlocks} reads.
     */
    static float[] columnBlocked(float[] data, int off, int k, int n, int width) {
        float[] arranged = new float[k * n];
        int pos = 0;
        for (int j0 = 0; j0 < n; j0 += width) {
            int w = Math.min(width, n - j0);
            for (int row = 0; row < k; row++) {
                System.arraycopy(data, off + row * n + j0, arranged, pos, w);
                pos += w;
            }
        }
        return arranged;
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

    /**
     * One part of a product in one cblas call (see {@link Part}): float32 when the operands are
     * {@link FloatPointer}s, float64 when they are {@link DoublePointer}s.
     */
    private static void gemmPart(boolean transA, boolean transB, int m, int n, int k, Pointer a, Pointer b,
                                 double beta, Pointer c, boolean byColumns, int p0, int p1) {
        Part p = Part.of(transA, transB, m, n, k, byColumns, p0, p1);
        int order = openblas_nolapack.CblasRowMajor;
        int ta = cblasTrans(transA);
        int tb = cblasTrans(transB);
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (a instanceof FloatPointer fa) {
            openblas_nolapack.cblas_sgemm(order, ta, tb, p.m(), p.n(), k, 1f, fa.getPointer(p.aOffset()), lda,
                    ((FloatPointer) b).getPointer(p.bOffset()), ldb, (float) beta,
                    ((FloatPointer) c).getPointer(p.cOffset()), n);
        } else {
            openblas_nolapack.cblas_dgemm(order, ta, tb, p.m(), p.n(), k, 1.0, ((DoublePointer) a).getPointer(p.aOffset()),
                    lda, ((DoublePointer) b).getPointer(p.bOffset()), ldb, beta,
                    ((DoublePointer) c).getPointer(p.cOffset()), n);
        }
    }

    private static int cblasTrans(boolean trans) {
        return trans ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    }

    /** OpenBLAS is used single-threaded (see the class comment); say so again if ND4J changed it. */
    private static void singleThreadedBlas() {
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    /**
     * dst[0..len) = src[off..off+len). Large copies (an operand of megabytes, such as the gate
     * gradients of a whole LSTM layer that three weight-gradient products read) run in two halves
     * side by side: their source is rarely in cache, and one core does not saturate the memory.
     * Copies move no arithmetic, so doing this only where {@link Parallel#available()} changes no bits.
     */
    static void copyIn(FloatPointer dst, float[] src, int off, int len) {
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

    /** A thread's operand buffer grown to {@code len} floats, holding src[off..off+len) if {@code fill}. */
    private static FloatPointer staged(FloatPointer buffer, float[] src, int off, int len, boolean fill) {
        FloatPointer p = grow(buffer, len, FloatPointer::new);
        if (fill) {
            copyIn(p, src, off, len);
        }
        return p;
    }

    /** A buffer of at least n elements: the old one, or a new one with headroom. */
    private static <P extends Pointer> P grow(P p, long n, LongFunction<P> allocate) {
        if (p != null && p.capacity() >= n) {
            return p;
        }
        if (p != null) {
            p.close();
        }
        return allocate.apply(Math.max(n, p == null ? 0 : p.capacity() * 3 / 2));
    }

    /** Frees a thread's very large buffers: a one-off huge product must not pin its memory for good. */
    private static void trim(Buffers buf) {
        buf.fa = trimmed(buf.fa);
        buf.fb = trimmed(buf.fb);
        buf.fc = trimmed(buf.fc);
        buf.fk = trimmed(buf.fk);
        buf.da = trimmed(buf.da);
        buf.db = trimmed(buf.db);
        buf.dc = trimmed(buf.dc);
        if (buf.partial != null && buf.partial.length > KEEP_LIMIT) {
            buf.partial = null;
        }
    }

    private static <P extends Pointer> P trimmed(P p) {
        if (p != null && p.capacity() > KEEP_LIMIT) {
            p.close();
            return null;
        }
        return p;
    }
}
