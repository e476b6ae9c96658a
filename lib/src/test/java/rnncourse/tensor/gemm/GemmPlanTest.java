package rnncourse.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.gemm.GemmPlan.Path;
import rnncourse.tensor.gemm.GemmPlan.Rules;

/**
 * The plan alone, without BLAS: which path and which cut each shape gets, on CPUs with and
 * without OpenBLAS's AVX-512 kernels, and what a forced plan may compute.
 */
class GemmPlanTest {
    /** The rules with the default thresholds, as on an AVX2 CPU and on an AVX-512 one. */
    private static final Rules AVX2 = new Rules(32L * 1024, 1L << 22, 1L << 19, false, false, null);
    private static final Rules AVX512 = AVX2.withSmallMatrixKernels(true);
    private static final Supplier<Path> OPENBLAS = () -> Path.OPENBLAS;
    private static final Supplier<Path> ND4J = () -> Path.ND4J;
    private static final Supplier<Path> NOT_ASKED = () -> {
        throw new AssertionError("a small product must not load a native library");
    };

    private static GemmPlan f32(Rules r, int m, int n, int k) {
        return r.plan(true, false, false, m, n, k, false, OPENBLAS);
    }

    private static GemmPlan residentB(Rules r, int m, int n, int k) {
        return r.plan(true, false, false, m, n, k, true, OPENBLAS);
    }

    @Test
    void smallProductsStayInJavaWithoutAskingForANativeLibrary() {
        assertSame(GemmPlan.JAVA, AVX2.plan(true, false, false, 5, 5, 5, false, NOT_ASKED));
        assertSame(GemmPlan.JAVA, AVX2.plan(false, true, true, 32, 32, 31, true, NOT_ASKED), "32·32·31 < 2¹⁵");
        assertSame(GemmPlan.OPENBLAS, f32(AVX2, 32, 32, 32), "2¹⁵ multiply-adds leave the loops");
        assertSame(GemmPlan.JAVA, AVX2.withNativeFrom(Long.MAX_VALUE).plan(true, false, false, 2000, 2000, 2000, false, NOT_ASKED));
    }

    @Test
    void reproSendsEveryFloat32ProductPastTheLoopsToTheFixedOrderKernelWithoutNativeCode() {
        Rules repro = AVX512.withFixedOrder(true);
        assertSame(GemmPlan.JAVA, repro.plan(true, false, false, 5, 5, 5, false, NOT_ASKED), "tiny products stay in the loops");
        assertSame(GemmPlan.FIXED_ORDER, repro.plan(true, false, false, 32, 32, 32, false, NOT_ASKED));
        assertSame(GemmPlan.FIXED_ORDER, repro.plan(true, false, false, 50, 512, 128, true, NOT_ASKED), "no column blocks");
        assertSame(GemmPlan.FIXED_ORDER, repro.plan(true, true, false, 512, 128, 2800, false, NOT_ASKED), "no k halves");
        assertSame(GemmPlan.FIXED_ORDER, repro.plan(true, false, true, 1024, 1024, 1024, false, NOT_ASKED), "no row halves");
        assertSame(GemmPlan.OPENBLAS_ROWS, repro.plan(false, false, false, 300, 97, 150, false, OPENBLAS), "float64 stays on OpenBLAS");
        assertFalse(GemmPlan.FIXED_ORDER.fits(false, false, false, 8, 8, 8, false), "the fixed-order kernel is float32 only");
    }

    @Test
    void largeProductsGoToNd4jWhenOpenBlasDidNotLoad() {
        assertSame(GemmPlan.ND4J, AVX512.plan(true, false, false, 50, 512, 128, true, ND4J));
        assertSame(GemmPlan.ND4J, AVX2.plan(false, false, false, 300, 97, 150, false, ND4J));
    }

    @Test
    void productsFrom2To22AreCutAlongTheirLongerSideOfC() {
        assertSame(GemmPlan.OPENBLAS_ROWS, f32(AVX2, 300, 97, 150), "4.4M multiply-adds, m ≥ n");
        assertSame(GemmPlan.OPENBLAS_COLUMNS, f32(AVX2, 61, 333, 220), "4.5M, n > m");
        assertSame(GemmPlan.OPENBLAS, f32(AVX2, 61, 333, 201), "4.08M < 2²²: one call");
        assertSame(GemmPlan.OPENBLAS_ROWS, f32(AVX2, 64, 64, 1024), "m = n cuts rows");
        assertSame(GemmPlan.OPENBLAS, AVX2.plan(false, false, false, 31, 31, 1 << 14, false, OPENBLAS),
                "C narrower than 32 both ways is not cut by rows or columns");
        assertSame(GemmPlan.OPENBLAS_ROWS, AVX2.plan(false, true, true, 300, 97, 150, false, OPENBLAS), "float64 too");
    }

    @Test
    void aSmallCWithALongKIsCutAlongKInFloat32Only() {
        assertSame(GemmPlan.OPENBLAS_K_HALVES, f32(AVX2, 25, 25, 1700), "char-RNN's weight gradient");
        assertSame(GemmPlan.OPENBLAS_K_HALVES, f32(AVX2, 50, 40, 3001), "k-cut wins over the row cut");
        assertSame(GemmPlan.OPENBLAS, f32(AVX2, 25, 25, 800), "500k < 2¹⁹ multiply-adds");
        assertSame(GemmPlan.OPENBLAS, f32(AVX2, 64, 10, 1000), "C 64 wide is not small");
        assertSame(GemmPlan.OPENBLAS, f32(AVX2, 1700, 25, 25), "k < 256");
        assertSame(GemmPlan.OPENBLAS, AVX2.plan(false, false, false, 25, 25, 1700, false, OPENBLAS), "float64 is never k-cut");
        assertSame(GemmPlan.OPENBLAS_ROWS, AVX2.plan(false, false, false, 50, 40, 3001, false, OPENBLAS));
        assertSame(GemmPlan.OPENBLAS_K_HALVES, AVX2.plan(true, true, true, 25, 25, 1700, true, OPENBLAS));
    }

    @Test
    void columnBlocksOnlyWithAvx512KernelsAnUntransposedResidentBAndFewRows() {
        assertEquals(GemmPlan.columnBlocks(64), residentB(AVX512, 50, 512, 128), "LSTM forward, half batch");
        assertEquals(GemmPlan.columnBlocks(32), residentB(AVX512, 50, 128, 512), "LSTM backward: 50·64·512 > 10⁶");
        assertEquals(GemmPlan.columnBlocks(64), residentB(AVX512, 100, 520, 128));
        assertEquals(GemmPlan.columnBlocks(16), residentB(AVX512, 128, 100, 400), "1e6/(128·400) = 19");
        assertSame(GemmPlan.OPENBLAS_COLUMNS, residentB(AVX512, 200, 512, 128), "m > 128: no blocks");
        assertSame(GemmPlan.OPENBLAS, residentB(AVX512, 50, 128, 128), "≤ 10⁶: OpenBLAS takes its small path itself");
        assertSame(GemmPlan.OPENBLAS_COLUMNS, residentB(AVX512, 100, 1024, 1024), "no width ≥ 16 fits: 1e6/(100·1024) = 9");
        assertSame(GemmPlan.OPENBLAS, residentB(AVX2, 50, 512, 128), "AVX2 kernels have no small-matrix path");
        assertSame(GemmPlan.OPENBLAS, f32(AVX512, 50, 512, 128), "B not resident");
        assertSame(GemmPlan.OPENBLAS, AVX512.plan(true, true, false, 50, 512, 128, true, OPENBLAS), "A transposed");
        assertSame(GemmPlan.OPENBLAS, AVX512.plan(true, false, true, 50, 512, 128, true, OPENBLAS), "B transposed");
        assertSame(GemmPlan.OPENBLAS, AVX512.plan(false, false, false, 50, 512, 128, true, OPENBLAS), "float64");
        assertEquals(GemmPlan.columnBlocks(16), residentB(AVX512, 25, 25, 1700), "blocks come before the k-cut");
    }

    /** The whole decision over a grid of shapes, against the rules written out once more by hand. */
    @Test
    void everyShapeGetsThePlanTheRulesDescribe() {
        int[] sizes = {1, 7, 16, 25, 31, 32, 50, 63, 64, 100, 128, 129, 256, 512, 1700};
        for (Rules r : new Rules[]{AVX2, AVX512}) {
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : sizes) {
                        for (int variant = 0; variant < 16; variant++) {
                            boolean f32 = (variant & 1) != 0;
                            boolean ta = (variant & 2) != 0;
                            boolean tb = (variant & 4) != 0;
                            boolean resident = (variant & 8) != 0;
                            GemmPlan want = expected(r, f32, ta, tb, m, n, k, resident);
                            assertEquals(want, r.plan(f32, ta, tb, m, n, k, resident, OPENBLAS),
                                    m + "x" + n + "x" + k + " f32=" + f32 + " ta=" + ta + " tb=" + tb + " resident=" + resident);
                        }
                    }
                }
            }
        }
    }

    private static GemmPlan expected(Rules r, boolean f32, boolean ta, boolean tb, int m, int n, int k, boolean resident) {
        long mnk = (long) m * n * k;
        if (mnk < r.nativeFrom()) {
            return GemmPlan.JAVA;
        }
        if (f32 && resident && !ta && !tb && r.smallMatrixKernels() && mnk > 1_000_000 && m <= 128) {
            for (int w = 64; w >= 16; w /= 2) {
                if ((long) m * w * k <= 1_000_000) {
                    if (w < n) {
                        return GemmPlan.columnBlocks(w);
                    }
                    break;
                }
            }
        }
        if (f32 && mnk >= r.kSplitFrom() && m < 64 && n < 64 && k >= 256) {
            return GemmPlan.OPENBLAS_K_HALVES;
        }
        if (mnk >= r.splitFrom() && (m >= 32 || n >= 32)) {
            return m >= n ? GemmPlan.OPENBLAS_ROWS : GemmPlan.OPENBLAS_COLUMNS;
        }
        return GemmPlan.OPENBLAS;
    }

    @Test
    void cutsFallOnMultiplesOfEightNearTheMiddle() {
        assertEquals(56, GemmPlan.OPENBLAS_ROWS.splitPoint(100, 7, 3), "100/2 + 7 rounded down to 8s");
        assertEquals(16, GemmPlan.OPENBLAS_ROWS.splitPoint(32, 7, 3));
        assertEquals(168, GemmPlan.OPENBLAS_COLUMNS.splitPoint(7, 333, 3));
        assertEquals(1500, GemmPlan.OPENBLAS_K_HALVES.splitPoint(50, 40, 3001));
        assertThrows(IllegalStateException.class, () -> GemmPlan.OPENBLAS.splitPoint(10, 10, 10));
    }

    @Test
    void aForcedPlanIsTakenWhereItFitsAndRefusedWhereItCannot() {
        Rules rows = AVX2.withForced(GemmPlan.OPENBLAS_ROWS);
        assertSame(GemmPlan.OPENBLAS_ROWS, rows.plan(true, false, false, 9, 1, 1, false, OPENBLAS), "even below the thresholds");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> rows.plan(true, false, false, 8, 50, 50, false, OPENBLAS));
        assertTrue(e.getMessage().contains("8x50x50"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> rows.plan(true, false, false, 100, 100, 100, false, ND4J),
                "an OpenBLAS plan without OpenBLAS");
        Rules k = AVX2.withForced(GemmPlan.OPENBLAS_K_HALVES);
        assertSame(GemmPlan.OPENBLAS_K_HALVES, k.plan(true, true, false, 3, 3, 2, false, OPENBLAS));
        assertThrows(IllegalStateException.class, () -> k.plan(false, false, false, 3, 3, 100, false, OPENBLAS), "float64");
        Rules blocks = AVX2.withForced(GemmPlan.columnBlocks(16));
        assertSame(GemmPlan.columnBlocks(16), blocks.plan(true, false, false, 2, 17, 3, true, OPENBLAS));
        assertThrows(IllegalStateException.class, () -> blocks.plan(true, false, false, 2, 16, 3, true, OPENBLAS), "one block");
        assertThrows(IllegalStateException.class, () -> blocks.plan(true, false, false, 2, 100, 3, false, OPENBLAS), "B not resident");
        assertThrows(IllegalStateException.class, () -> blocks.plan(true, false, true, 2, 100, 3, true, OPENBLAS), "B transposed");
        assertSame(GemmPlan.ND4J, AVX2.withForced(GemmPlan.ND4J).plan(false, true, true, 1, 1, 1, false, OPENBLAS));
        assertSame(GemmPlan.JAVA, AVX2.withForced(GemmPlan.JAVA).plan(true, false, false, 999, 999, 999, true, NOT_ASKED));
        assertSame(GemmPlan.JAVA, rows.withNativeFrom(0).plan(true, false, false, 100, 100, 0, false, NOT_ASKED),
                "k = 0 is C = beta·C, in Java whatever is forced");
    }

    @Test
    void plansAreConstantsAndInconsistentOnesAreRefused() {
        assertSame(GemmPlan.columnBlocks(32), GemmPlan.columnBlocks(32), "choosing a plan allocates nothing");
        assertFalse(GemmPlan.columnBlocks(8).equals(GemmPlan.columnBlocks(16)));
        assertThrows(IllegalArgumentException.class, () -> new GemmPlan(Path.JAVA, GemmPlan.Split.ROWS, 0));
        assertThrows(IllegalArgumentException.class, () -> new GemmPlan(Path.OPENBLAS, GemmPlan.Split.COLUMN_BLOCKS, 0));
        assertThrows(IllegalArgumentException.class, () -> new GemmPlan(Path.OPENBLAS, GemmPlan.Split.ROWS, 16));
    }
}
