package rnncourse.tensor.gemm;

import java.util.function.Supplier;
import rnncourse.tensor.threads.Parallel;

/**
 * How one matrix product is computed: by which code ({@link Path}) and, on OpenBLAS, cut how
 * ({@link Split}). {@link Rules#plan} decides it once per product, from the product's shape and
 * the rules only, and the executors ({@link JavaGemm}, {@link OpenBlasGemm}, {@link Nd4jGemm}) follow
 * it without deciding anything again.
 *
 * <p>Why the shape only: where a product is cut changes its rounding (a sum cut in two and added
 * rounds differently from the same sum in one piece), so a cut that depended on the number of
 * cores would make results depend on the machine. Nothing here knows the core count; on one core
 * {@link Parallel} runs the same halves one after the other ({@code GemmCoreCountTest}).
 *
 * <p>Every plan the rules choose is one of a few constants, so choosing one allocates nothing.
 *
 * @param path       Java loops, OpenBLAS or ND4J
 * @param split      how an OpenBLAS product is cut ({@link Split#NONE} for the other paths)
 * @param blockWidth the column-block width of {@link Split#COLUMN_BLOCKS}, else 0
 */
record GemmPlan(Path path, Split split, int blockWidth) {
    /** The code that multiplies. */
    enum Path {
        /** Plain loops on the heap arrays ({@link JavaGemm}): no native call, best for tiny products. */
        JAVA,
        /** The reproducible float32 product ({@link FixedOrderGemm}): one fixed FMA order along k, vectorised across C. */
        FIXED_ORDER,
        /** {@code cblas_sgemm}/{@code cblas_dgemm} of OpenBLAS on native copies ({@link OpenBlasGemm}). */
        OPENBLAS,
        /** {@code Nd4j.gemm} ({@link Nd4jGemm}): the fallback when OpenBLAS does not load, and for comparison. */
        ND4J
    }

    /** How an OpenBLAS product is cut; the two halves of ROWS, COLUMNS and K_HALVES run side by side ({@link Parallel}). */
    enum Split {
        /** One call. */
        NONE,
        /** Rows [0, p) and [p, m) of C, p = {@link #splitPoint}. */
        ROWS,
        /** Columns [0, p) and [p, n) of C. */
        COLUMNS,
        /** The inner dimension in halves [0, k/2) and [k/2, k), whose partial products are then added. */
        K_HALVES,
        /** A resident B stored as column blocks of {@link #blockWidth()}, one call a block, on one thread. */
        COLUMN_BLOCKS
    }

    static final GemmPlan JAVA = new GemmPlan(Path.JAVA, Split.NONE, 0);
    static final GemmPlan FIXED_ORDER = new GemmPlan(Path.FIXED_ORDER, Split.NONE, 0);
    static final GemmPlan ND4J = new GemmPlan(Path.ND4J, Split.NONE, 0);
    static final GemmPlan OPENBLAS = new GemmPlan(Path.OPENBLAS, Split.NONE, 0);
    static final GemmPlan OPENBLAS_ROWS = new GemmPlan(Path.OPENBLAS, Split.ROWS, 0);
    static final GemmPlan OPENBLAS_COLUMNS = new GemmPlan(Path.OPENBLAS, Split.COLUMNS, 0);
    static final GemmPlan OPENBLAS_K_HALVES = new GemmPlan(Path.OPENBLAS, Split.K_HALVES, 0);
    /** Column blocks of 16, 32 and 64 columns: the widths {@link Rules#columnBlockWidth} gives. */
    private static final GemmPlan[] COLUMN_BLOCK_PLANS = {new GemmPlan(Path.OPENBLAS, Split.COLUMN_BLOCKS, 16),
            new GemmPlan(Path.OPENBLAS, Split.COLUMN_BLOCKS, 32), new GemmPlan(Path.OPENBLAS, Split.COLUMN_BLOCKS, 64)};

    GemmPlan {
        if ((split == Split.COLUMN_BLOCKS) != (blockWidth > 0) || path != Path.OPENBLAS && split != Split.NONE) {
            throw new IllegalArgumentException("GemmPlan: " + path + " " + split + " with block width " + blockWidth);
        }
    }

    /** The OpenBLAS plan that stores a resident B as blocks of {@code width} columns. */
    static GemmPlan columnBlocks(int width) {
        for (GemmPlan p : COLUMN_BLOCK_PLANS) {
            if (p.blockWidth == width) {
                return p;
            }
        }
        return new GemmPlan(Path.OPENBLAS, Split.COLUMN_BLOCKS, width);
    }

    /**
     * Where a ROWS, COLUMNS or K_HALVES plan cuts the m×n×k product: the first row, column or
     * inner index of the second half. Rows and columns are cut at a multiple of 8 near the middle,
     * so both halves start on whole vector registers of C.
     */
    int splitPoint(int m, int n, int k) {
        return switch (split) {
            case ROWS -> (m / 2 + 7) & ~7;
            case COLUMNS -> (n / 2 + 7) & ~7;
            case K_HALVES -> k / 2;
            default -> throw new IllegalStateException(this + " has no split point");
        };
    }

    /**
     * Whether this plan can compute the given product: FIXED_ORDER is float32 only, a cut must leave two non-empty halves,
     * K_HALVES exists for float32 only, and column blocks need an untransposed float32 product
     * with a resident B wider than one block.
     */
    boolean fits(boolean f32, boolean transA, boolean transB, int m, int n, int k, boolean residentB) {
        return switch (split) {
            case NONE -> path != Path.FIXED_ORDER || f32;
            case ROWS -> between(splitPoint(m, n, k), m);
            case COLUMNS -> between(splitPoint(m, n, k), n);
            case K_HALVES -> f32 && between(splitPoint(m, n, k), k);
            case COLUMN_BLOCKS -> f32 && residentB && !transA && !transB && blockWidth < n;
        };
    }

    private static boolean between(int cut, int extent) {
        return cut > 0 && cut < extent;
    }

    /**
     * The rules that choose a plan.
     *
     * @param nativeFrom         multiply-adds (m·n·k) from which a product leaves the Java loops
     * @param splitFrom          multiply-adds from which an OpenBLAS product is cut by rows or columns
     * @param kSplitFrom         multiply-adds from which a float32 product with a small C is cut along k
     * @param smallMatrixKernels whether OpenBLAS runs its AVX-512 kernels, whose small-matrix path
     *                           the column blocks are made for ({@link OpenBlasCore#avx512Kernels()})
     * @param fixedOrder         whether float32 products that leave the Java loops take
     *                           {@link Path#FIXED_ORDER} instead of a native library ({@code BLAS=repro},
     *                           {@link OpenBlasCore#fixedOrderProducts()})
     * @param forced             a plan every product takes instead (tests), or null
     */
    record Rules(long nativeFrom, long splitFrom, long kSplitFrom, boolean smallMatrixKernels, boolean fixedOrder,
                 GemmPlan forced) {
        /** Multiply-adds up to which OpenBLAS's AVX-512 kernels take their small-matrix path, without packing B. */
        static final long SMALL_MATRIX_LIMIT = 1_000_000L;

        /**
         * The rules of this process: {@code -Drnncourse.gemm.threshold} (default 2¹⁵),
         * {@code .splitThreshold} (2²²), {@code .kSplitThreshold} (2¹⁹), and the kernels OpenBLAS was
         * told to use (calls {@link OpenBlasCore#select()}, before OpenBLAS loads).
         */
        static Rules fromSystemProperties() {
            return new Rules(Long.getLong("rnncourse.gemm.threshold", 32L * 1024),
                    Long.getLong("rnncourse.gemm.splitThreshold", 1L << 22),
                    Long.getLong("rnncourse.gemm.kSplitThreshold", 1L << 19),
                    OpenBlasCore.avx512Kernels(), OpenBlasCore.fixedOrderProducts(), null);
        }

        Rules withNativeFrom(long multiplyAdds) {
            return new Rules(multiplyAdds, splitFrom, kSplitFrom, smallMatrixKernels, fixedOrder, forced);
        }

        Rules withSmallMatrixKernels(boolean on) {
            return new Rules(nativeFrom, splitFrom, kSplitFrom, on, fixedOrder, forced);
        }

        Rules withFixedOrder(boolean on) {
            return new Rules(nativeFrom, splitFrom, kSplitFrom, smallMatrixKernels, on, forced);
        }

        Rules withForced(GemmPlan plan) {
            return new Rules(nativeFrom, splitFrom, kSplitFrom, smallMatrixKernels, fixedOrder, plan);
        }

        /**
         * The plan for C = op(A)·op(B) (+ beta·C) with A m×k, B k×n.
         *
         * @param f32          float32 (else float64)
         * @param residentB    whether B is a {@link Gemm.Resident}
         * @param nativeLibrary which native path large products take, {@link Path#OPENBLAS} or
         *                     {@link Path#ND4J}; asked only for a product that leaves the Java loops,
         *                     so small lessons never load a native library
         * @throws IllegalStateException if a forced plan cannot compute this product (k = 0 is
         *     always the Java loops' {@code C = beta·C})
         */
        GemmPlan plan(boolean f32, boolean transA, boolean transB, int m, int n, int k, boolean residentB,
                      Supplier<Path> nativeLibrary) {
            long multiplyAdds = (long) m * n * k;
            if (k == 0) {
                return JAVA; // C = beta·C: nothing to multiply, and cblas refuses a leading dimension of 0
            }
            if (forced != null) {
                if (!forced.fits(f32, transA, transB, m, n, k, residentB)) {
                    throw new IllegalStateException("the forced Gemm plan " + forced + " cannot compute "
                            + (f32 ? "float32 " : "float64 ") + m + "x" + n + "x" + k + " (transA=" + transA
                            + ", transB=" + transB + ", resident B=" + residentB + ")");
                }
                if (forced.path == Path.OPENBLAS && nativeLibrary.get() != Path.OPENBLAS) {
                    throw new IllegalStateException("the forced Gemm plan " + forced + " needs OpenBLAS, which did not load");
                }
                return forced;
            }
            if (multiplyAdds < nativeFrom) {
                return JAVA;
            }
            if (f32 && fixedOrder) {
                return FIXED_ORDER;
            }
            if (nativeLibrary.get() == Path.ND4J) {
                return ND4J;
            }
            if (f32) {
                int width = residentB && !transA && !transB ? columnBlockWidth(m, n, k) : 0;
                if (width > 0) {
                    return columnBlocks(width);
                }
                if (splitsAlongK(multiplyAdds, m, n, k)) {
                    return OPENBLAS_K_HALVES;
                }
            }
            if (multiplyAdds >= splitFrom && Math.max(m, n) >= 32) {
                return m >= n ? OPENBLAS_ROWS : OPENBLAS_COLUMNS;
            }
            return OPENBLAS;
        }

        /**
         * The column-block width for an untransposed float32 product with a resident B, or 0 for
         * none.
         *
         * <p>Why: a recurrent layer multiplies a few dozen rows by the same weight at every time step
         * (50×128 by 128×512 forward, 50×512 by 512×128 backward, per half batch). OpenBLAS packs
         * the whole weight at every such call, which is a large part of its time; its AVX-512
         * kernels have a small-matrix path without packing, taken when m·n·k ≤ 10⁶. Cutting B into
         * column blocks that qualify, stored block by block, made those products markedly faster
         * (bench/RESULTS.md). The width is the largest power of two with m·width·k ≤ 10⁶, at most
         * 64, the fastest measured. Without the AVX-512 kernels there is no such path to reach.
         */
        int columnBlockWidth(int m, int n, int k) {
            if (!smallMatrixKernels || (long) m * n * k <= SMALL_MATRIX_LIMIT || m > 128) {
                return 0;
            }
            long fit = SMALL_MATRIX_LIMIT / ((long) m * k);
            int width = 64;
            while (width > fit) {
                width /= 2;
            }
            return width >= 16 && width < n ? width : 0;
        }

        /**
         * Whether a float32 product is cut along k: one with a small C and a long k, such as a
         * weight gradient (25×25 summed over 1,700 rows in the char-RNN), which rows or columns
         * cannot cut into useful halves.
         */
        private boolean splitsAlongK(long multiplyAdds, int m, int n, int k) {
            return multiplyAdds >= kSplitFrom && Math.max(m, n) < 64 && k >= 256;
        }
    }
}
