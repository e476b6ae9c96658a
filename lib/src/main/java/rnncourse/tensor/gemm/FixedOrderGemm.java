package rnncourse.tensor.gemm;

import java.util.Arrays;
import rnncourse.tensor.threads.Parallel;

/**
 * The reproducible float32 product ({@code BLAS=repro}, the course's default): C = op(A)·op(B) +
 * beta·C whose every bit depends on the operands and the shape only — not on the CPU's vector
 * width, its caches, the number of cores or the JDK.
 *
 * <p>The rule: each element of C starts from beta·C (0 when beta = 0, C itself when beta = 1) and
 * adds a[i,p]·b[p,j] for p = 0, 1, ..., k−1 in that order, each step one IEEE fused
 * multiply-add rounded to float32. Nothing else is summed: the work is spread over the elements
 * of C only — lanes of a vector, tiles of a {@link TileKernel}, halves on the two threads — and a
 * cut of k into cache blocks stores the running sum in C as float32 and resumes it, which is the
 * same chain. So 16 lanes (AVX-512), 8 (AVX2) and {@link Math#fma} one element at a time give the
 * same bits, and so does any blocking.
 *
 * <p>How it is fast: two routes, chosen from the shape ({@link #route}), the same bits either way.
 * The direct route, taken by all but products large on every side, reads A and B where they lie:
 * a few rows of C held in vector registers for a whole k-block, B's rows streamed (copied first
 * only when B is stored transposed or is narrower than one vector), A's values broadcast from A
 * itself in either layout ({@link TileKernel#updateRows}); a C narrower than a vector whose A is
 * stored transposed is computed as Cᵀ, whose rows are then whole vectors. The packed route (BLIS's
 * scheme) packs B into panels of {@link TileKernel#columns()} columns, k-block by k-block, A into
 * panels of {@link TileKernel#rows()} rows, both zero-padded to whole panels, so that the tile
 * kernel streams B and broadcasts A from contiguous memory. Products of {@value #PARALLEL_FROM}
 * multiply-adds or more are cut in two halves of C (by rows, or on the packed route by columns
 * when C is wide) that run side by side on {@link Parallel}. A {@link Gemm.Resident} B is prepared
 * for its route once and kept.
 */
final class FixedOrderGemm {
    /** System property: the vector width in bits (512, 256, 128), {@code auto}, or 0 for the scalar kernel. */
    static final String VECTOR_BITS_PROPERTY = "rnncourse.gemm.vectorBits";
    /** Multiply-adds from which a product runs as two halves side by side. */
    static final long PARALLEL_FROM = 1L << 20;
    /** The k-block of both routes: a B panel (or strip) of KC×{@link TileKernel#columns()} floats stays in the L1 cache. */
    static final int KC = 256;
    /** Tiles of rows per row block: an MC×KC block of A (packed, or in place on the direct route) stays in the L2 cache. */
    private static final int PANELS_PER_ROW_BLOCK = 16;

    private static final TileKernel KERNEL = chooseKernel();
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[4][]);
    /** Whether {@link #route} may choose the direct path ({@code -Drnncourse.gemm.direct=auto|always|never}, for measurements). */
    private static final String DIRECT = directProperty();

    /** How a product is computed; both give the same bits, they differ in speed only. */
    enum Route {
        /** A and B packed into panels, tiles of {@link TileKernel#update} (large products). */
        PACKED,
        /** A and B read where they are, rows of {@link TileKernel#updateRows} (small and narrow ones). */
        DIRECT
    }

    private FixedOrderGemm() {
    }

    /** The tile kernel this process uses: the Vector API's when its module is present and not switched off. */
    static TileKernel kernel() {
        return KERNEL;
    }

    private static TileKernel chooseKernel() {
        String bits = System.getProperty(VECTOR_BITS_PROPERTY, "auto").trim();
        if (!bits.matches("auto|0|128|256|512")) {
            throw new IllegalArgumentException("-D" + VECTOR_BITS_PROPERTY + " must be auto, 0, 128, 256 or 512, got '"
                    + bits + "'");
        }
        if (bits.equals("0") || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarTileKernel();
        }
        try {
            TileKernel vector = new VectorTileKernel();
            // a JVM without SIMD offers 1- or 2-lane species, which the API emulates in Java: slower than scalar
            return vector.columns() >= 8 ? vector : new ScalarTileKernel();
        } catch (LinkageError e) {
            return new ScalarTileKernel();
        }
    }

    private static String directProperty() {
        String v = System.getProperty("rnncourse.gemm.direct", "auto").trim();
        if (!v.matches("auto|always|never")) {
            throw new IllegalArgumentException("-Drnncourse.gemm.direct must be auto, always or never, got '" + v + "'");
        }
        return v;
    }

    /**
     * The route this process's kernel takes for an m×n×k product: packed only when every side is
     * large (packing then costs little against the arithmetic, and the packed panels are read from
     * cache where the direct route's B strips would not fit); direct otherwise, including all of the
     * course's recurrent products (bench/RESULTS.md, issue 27).
     */
    static Route route(int m, int n, int k) {
        return route(KERNEL, m, n, k);
    }

    static Route route(TileKernel kernel, int m, int n, int k) {
        if (DIRECT.equals("always")) {
            return Route.DIRECT;
        }
        if (DIRECT.equals("never")) {
            return Route.PACKED;
        }
        return Math.min(m, Math.min(n, k)) >= 512 ? Route.PACKED : Route.DIRECT;
    }

    /** One line for the BLAS description, e.g. "fixed-order FMA (Vector API, 16 lanes, 6x32 tiles)". */
    static String describe() {
        String module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? ""
                : "; the JVM lacks --add-modules jdk.incubator.vector, so it runs scalar";
        return "fixed-order FMA (" + KERNEL.describe() + module + ")";
    }

    /**
     * float32 product with the layout of {@link Gemm#sgemm}; {@code packedB}, when not null, is B
     * already packed by {@link #packB} (a resident B).
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                      float[] b, int bOff, float[] packedB, float beta, float[] c, int cOff) {
        sgemm(KERNEL, route(m, n, k), transA, transB, m, n, k, a, aOff, b, bOff, packedB, beta, c, cOff);
    }

    /**
     * {@link #sgemm} with a given tile kernel and route (tests: every kernel and route must give the
     * same bits); {@code packedB}, when not null, is B prepared by {@link #prepareB} for that route.
     */
    static void sgemm(TileKernel kernel, Route route, boolean transA, boolean transB, int m, int n, int k, float[] a,
                      int aOff, float[] b, int bOff, float[] packedB, float beta, float[] c, int cOff) {
        boolean zeroC = beta == 0f && k > 0;
        if (!zeroC) {
            JavaGemm.scale(c, cOff, m * n, beta);
        }
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        if (route == Route.DIRECT) {
            if (n < kernel.lanes() && m > n && transA && packedB == null) {
                // narrower than a vector, with A's rows contiguous along m: Cᵀ's rows are whole vectors
                transposed(kernel, Route.DIRECT, transA, transB, m, n, k, a, aOff, b, bOff, zeroC, c, cOff);
            } else {
                direct(kernel, transA, transB, m, n, k, a, aOff, b, bOff, packedB, zeroC, c, cOff);
            }
            return;
        }
        int nr = kernel.columns();
        if (n < nr && m > n) {
            transposed(kernel, Route.PACKED, transA, transB, m, n, k, a, aOff, b, bOff, zeroC, c, cOff);
            return;
        }
        int panels = (n + nr - 1) / nr;
        float[] bp = packedB;
        if (bp == null) {
            bp = buffer(1, paddedSize(k, n, nr));
            packB(transB, k, n, b, bOff, bp, nr);
        }
        int lda = transA ? m : k;
        float[] packed = bp;
        if ((long) m * n * k >= PARALLEL_FROM && (m >= n ? m >= 2 * kernel.rows() : panels >= 2)) {
            if (m >= n) {
                int cut = (m / 2 + kernel.rows() - 1) / kernel.rows() * kernel.rows();
                Parallel.run(() -> block(kernel, transA, 0, cut, 0, panels, n, k, a, aOff, lda, packed, zeroC, c, cOff),
                        () -> block(kernel, transA, cut, m, 0, panels, n, k, a, aOff, lda, packed, zeroC, c, cOff));
            } else {
                int cut = panels / 2;
                Parallel.run(() -> block(kernel, transA, 0, m, 0, cut, n, k, a, aOff, lda, packed, zeroC, c, cOff),
                        () -> block(kernel, transA, 0, m, cut, panels, n, k, a, aOff, lda, packed, zeroC, c, cOff));
            }
        } else {
            block(kernel, transA, 0, m, 0, panels, n, k, a, aOff, lda, packed, zeroC, c, cOff);
        }
    }

    /**
     * A C narrower than one panel but taller than wide (a recurrent layer's backward product with
     * 10 hidden units, a weight gradient of 40×10) as Cᵀ = op(B)ᵀ·op(A)ᵀ, so that the vectors run
     * along C's long side. Each element's chain is the same: the same products in the same order,
     * and fma(a, b, s) = fma(b, a, s). C (already scaled by beta) is transposed into a buffer and back.
     */
    private static void transposed(TileKernel kernel, Route route, boolean transA, boolean transB, int m, int n, int k,
                                   float[] a, int aOff, float[] b, int bOff, boolean zeroC, float[] c, int cOff) {
        float[] ct = buffer(2, m * n);
        if (!zeroC) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    ct[j * m + i] = c[cOff + i * n + j];
                }
            }
        }
        sgemm(kernel, route, !transB, !transA, n, m, k, b, bOff, a, aOff, null, zeroC ? 0f : 1f, ct, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * n + j] = ct[j * m + i];
            }
        }
    }

    /**
     * The direct route: B's rows used in place, copied first ({@link #padRows}) only when B is
     * stored transposed or C is narrower than a vector; A read in place; C's rows in two halves
     * side by side for a large product.
     */
    private static void direct(TileKernel kernel, boolean transA, boolean transB, int m, int n, int k, float[] a,
                               int aOff, float[] b, int bOff, float[] preparedB, boolean zeroC, float[] c, int cOff) {
        int ldb = paddedRow(n, kernel.lanes());
        float[] rows;
        int rowsOff;
        if (preparedB != null) {
            rows = preparedB;
            rowsOff = 0;
        } else if (!transB && ldb == n) {
            rows = b;
            rowsOff = bOff;
        } else {
            rows = buffer(1, k * ldb);
            padRows(transB, k, n, b, bOff, rows, ldb);
            rowsOff = 0;
        }
        int mr = kernel.rows();
        if ((long) m * n * k >= PARALLEL_FROM && m >= 2 * mr) {
            int cut = (m / 2 + mr - 1) / mr * mr;
            Parallel.run(() -> directRows(kernel, transA, 0, cut, m, n, k, a, aOff, rows, rowsOff, ldb, zeroC, c, cOff),
                    () -> directRows(kernel, transA, cut, m, m, n, k, a, aOff, rows, rowsOff, ldb, zeroC, c, cOff));
        } else {
            directRows(kernel, transA, 0, m, m, n, k, a, aOff, rows, rowsOff, ldb, zeroC, c, cOff);
        }
    }

    /**
     * Rows [i0, i1) of C by the direct route, k cut into blocks of {@link #KC} so that the
     * strip of B being streamed stays in the L1 cache across the rows, and the rows into blocks of
     * {@link #PANELS_PER_ROW_BLOCK} tiles so that the part of A one k-block reads stays in the L2
     * cache while every strip of B passes it (a 2800-row A block would come from L3 once a strip);
     * the running sums wait in C between blocks, which is the same chain.
     */
    private static void directRows(TileKernel kernel, boolean transA, int i0, int i1, int m, int n, int k, float[] a,
                                   int aOff, float[] rows, int rowsOff, int ldb, boolean zeroC, float[] c, int cOff) {
        // op(A)'s element (r, p): A[r, p] in place, or A[p, r] when A is stored transposed
        int rowStride = transA ? 1 : k;
        int depthStride = transA ? m : 1;
        float[] tail = buffer(3, kernel.lanes());
        int mc = kernel.rows() * PANELS_PER_ROW_BLOCK;
        for (int p0 = 0; p0 < k; p0 += KC) {
            for (int r0 = i0; r0 < i1; r0 += mc) {
                kernel.updateRows(Math.min(mc, i1 - r0), n, Math.min(KC, k - p0), a,
                        aOff + r0 * rowStride + p0 * depthStride, rowStride, depthStride, rows, rowsOff + p0 * ldb, ldb,
                        c, cOff + r0 * n, n, zeroC && p0 == 0, tail);
            }
        }
    }

    /** The row stride of B on the direct route: n, or one vector when C is narrower ({@link TileKernel#updateRows}). */
    private static int paddedRow(int n, int lanes) {
        return Math.max(n, lanes);
    }

    /** Copies op(B) (k×n, stored n×k when {@code transB}) as k rows of {@code ldb} floats, zero beyond n. */
    static void padRows(boolean transB, int k, int n, float[] b, int bOff, float[] out, int ldb) {
        for (int p = 0; p < k; p++) {
            int o = p * ldb;
            if (!transB) {
                System.arraycopy(b, bOff + p * n, out, o, n);
            } else {
                for (int j = 0; j < n; j++) {
                    out[o + j] = b[bOff + j * k + p];
                }
            }
            Arrays.fill(out, o + n, o + ldb, 0f);
        }
    }

    /**
     * B (k×n, stored n×k when {@code transB}) prepared once for this process's kernel on the given
     * route, for a B used by many products ({@link Gemm.Resident}): packed into panels, or as padded rows.
     */
    static float[] prepareB(Route route, boolean transB, int k, int n, float[] b, int bOff) {
        if (route == Route.DIRECT) {
            int ldb = paddedRow(n, KERNEL.lanes());
            float[] out = new float[k * ldb];
            padRows(transB, k, n, b, bOff, out, ldb);
            return out;
        }
        float[] out = new float[paddedSize(k, n, KERNEL.columns())];
        packB(transB, k, n, b, bOff, out, KERNEL.columns());
        return out;
    }

    /** Floats of a packed k×n B: n padded to whole panels. */
    static int paddedSize(int k, int n, int nr) {
        return k * ((n + nr - 1) / nr * nr);
    }


    /**
     * Packs B (k×n, stored n×k when {@code transB}) for this process's kernel: k-block by k-block
     * ({@link #KC}), panel by panel, each panel kc rows of {@code nr} floats, zero beyond n. Block
     * p0's panel jp starts at {@code p0·nPadded + jp·kc·nr}.
     */
    static void packB(boolean transB, int k, int n, float[] b, int bOff, float[] out, int nr) {
        int nPadded = (n + nr - 1) / nr * nr;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            for (int j0 = 0; j0 < n; j0 += nr) {
                int o = p0 * nPadded + j0 * kc;
                int w = Math.min(nr, n - j0);
                if (!transB) {
                    for (int p = p0; p < p0 + kc; p++) {
                        System.arraycopy(b, bOff + p * n + j0, out, o + (p - p0) * nr, w);
                    }
                } else {
                    // read B's rows (contiguous along k), write the panel's columns
                    for (int j = 0; j < w; j++) {
                        int src = bOff + (j0 + j) * k + p0;
                        for (int p = 0; p < kc; p++) {
                            out[o + p * nr + j] = b[src + p];
                        }
                    }
                }
                if (w < nr) {
                    for (int p = 0; p < kc; p++) {
                        Arrays.fill(out, o + p * nr + w, o + (p + 1) * nr, 0f);
                    }
                }
            }
        }
    }

    /**
     * Rows [i0, i1) and panels [jp0, jp1) of C: for each k-block, each block of rows of A is packed
     * and multiplied into every tile, the running sums kept in C.
     */
    private static void block(TileKernel kernel, boolean transA, int i0, int i1, int jp0, int jp1, int n, int k,
                              float[] a, int aOff, int lda, float[] bp, boolean zeroC, float[] c, int cOff) {
        int mr = kernel.rows();
        int nr = kernel.columns();
        int nPadded = (n + nr - 1) / nr * nr;
        int mc = mr * PANELS_PER_ROW_BLOCK;
        float[] ap = buffer(0, mc * KC);
        float[] edge = buffer(3, mr * nr);
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            boolean fromZero = p0 == 0 && zeroC;
            for (int r0 = i0; r0 < i1; r0 += mc) {
                int rows = Math.min(mc, i1 - r0);
                packA(transA, r0, rows, p0, kc, a, aOff, lda, ap, mr);
                for (int jp = jp0; jp < jp1; jp++) {
                    int j0 = jp * nr;
                    int w = Math.min(nr, n - j0);
                    int bo = p0 * nPadded + j0 * kc;
                    for (int ip = 0; ip * mr < rows; ip++) {
                        int r = r0 + ip * mr;
                        int h = Math.min(mr, i1 - r);
                        int co = cOff + r * n + j0;
                        if (w == nr) {
                            kernel.update(kc, ap, ip * mr * kc, bp, bo, c, co, n, fromZero, h);
                        } else {
                            // a tile narrower than a panel: computed in a scratch tile, its valid part copied back
                            for (int y = 0; y < h; y++) {
                                System.arraycopy(c, co + y * n, edge, y * nr, w);
                            }
                            kernel.update(kc, ap, ip * mr * kc, bp, bo, edge, 0, nr, fromZero, h);
                            for (int y = 0; y < h; y++) {
                                System.arraycopy(edge, y * nr, c, co + y * n, w);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Packs rows [r0, r0+rows) × k-range [p0, p0+kc) of op(A) as panels of mr rows, zero beyond the rows. */
    private static void packA(boolean transA, int r0, int rows, int p0, int kc, float[] a, int aOff, int lda,
                              float[] out, int mr) {
        for (int i0 = 0; i0 < rows; i0 += mr) {
            int h = Math.min(mr, rows - i0);
            int o = i0 * kc;
            if (h < mr) {
                Arrays.fill(out, o, o + mr * kc, 0f);
            }
            if (!transA) {
                for (int y = 0; y < h; y++) {
                    int src = aOff + (r0 + i0 + y) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        out[o + p * mr + y] = a[src + p];
                    }
                }
            } else {
                // op(A)'s rows are A's columns: read A's rows [p0, p0+kc) a few contiguous floats at a time
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + r0 + i0;
                    for (int y = 0; y < h; y++) {
                        out[o + p * mr + y] = a[src + y];
                    }
                }
            }
        }
    }

    /** This thread's reusable buffer {@code which} (0: packed A, 1: packed or padded B, 2: a transposed C, 3: a partial tile or row), at least {@code size} long. */
    private static float[] buffer(int which, int size) {
        float[][] buffers = BUFFERS.get();
        if (buffers[which] == null || buffers[which].length < size) {
            buffers[which] = new float[size];
        }
        return buffers[which];
    }
}
