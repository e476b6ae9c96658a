package rnncourse.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every native GEMM path against the Java loops, for every transposition, with offsets and
 * beta ≠ 0: as the rules choose on this machine, and with each plan forced (OpenBLAS whole, cut by
 * rows, columns or k, in column blocks; ND4J), so that every path runs on any CPU.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GemmPathsTest {
    /**
     * m, n, k: small, rows cut (300×97×150: m ≥ n, from 2²² multiply-adds), columns cut
     * (61×333×220: n > m), odd sizes, and the course's own shapes (an LSTM step's half batch,
     * char-RNN's all-steps products, a vector); a small C with a long k (25×25×1700, and
     * 50×40×3001, odd k); operands from 2¹⁸ elements, copied to native memory in two halves
     * (600×40×500, 40×30×9000); small-row products with a resident B (50×512×128, 50×128×512, and
     * 100×520×128, whose last column block is ragged).
     */
    private static final int[][] SHAPES = {{7, 9, 11}, {300, 97, 150}, {61, 333, 220},
            {50, 512, 128}, {1700, 25, 25}, {25, 25, 1700}, {1, 40, 10}, {17, 1, 33}, {100, 156, 512},
            {50, 40, 3001}, {600, 40, 500}, {40, 30, 9000}, {50, 128, 512}, {100, 520, 128}};

    /** The float32 plans of OpenBLAS. */
    private static final List<GemmPlan> OPENBLAS_PLANS = List.of(GemmPlan.OPENBLAS, GemmPlan.OPENBLAS_ROWS,
            GemmPlan.OPENBLAS_COLUMNS, GemmPlan.OPENBLAS_K_HALVES, GemmPlan.columnBlocks(16),
            GemmPlan.columnBlocks(32), GemmPlan.columnBlocks(64));

    /** How B (or A) is handed over: arrays, a resident B, a resident A. */
    private enum Operands { ARRAYS, RESIDENT_B, RESIDENT_A }

    /** Every shape with every transposition, float32 and float64, with their Java-loop results: made once. */
    private final List<Product> products = new ArrayList<>();

    GemmPathsTest() {
        Random r = new Random(9);
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) {
                products.add(new Product(r, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
    }

    @Test
    void nativeFloatPathsChosenByTheRulesEqualJavaLoops() {
        assumeTrue(GemmRulesScope.openBlasLoaded(), "OpenBLAS did not load: products go to ND4J");
        Map<GemmPlan, Integer> taken = new LinkedHashMap<>();
        try (GemmRulesScope s = GemmRulesScope.nativeFrom(1)) {
            for (Product p : products) {
                for (Operands ops : Operands.values()) {
                    GemmPlan plan = Gemm.plan(true, p.ta, p.tb, p.m, p.n, p.k, ops == Operands.RESIDENT_B);
                    taken.merge(plan, 1, Integer::sum);
                    p.check(ops, "rules' " + plan);
                }
            }
        }
        assertTrue(taken.containsKey(GemmPlan.OPENBLAS_ROWS) && taken.containsKey(GemmPlan.OPENBLAS_COLUMNS)
                && taken.containsKey(GemmPlan.OPENBLAS_K_HALVES), "the shapes cover every cut: " + taken);
    }

    @Test
    void everyForcedOpenBlasFloatPlanEqualsJavaLoops() {
        assumeTrue(GemmRulesScope.openBlasLoaded(), "OpenBLAS did not load: its plans cannot run");
        Map<GemmPlan, Integer> ran = new LinkedHashMap<>();
        for (Product p : products) {
            for (Operands ops : Operands.values()) {
                for (GemmPlan plan : OPENBLAS_PLANS) {
                    if (plan.fits(true, p.ta, p.tb, p.m, p.n, p.k, ops == Operands.RESIDENT_B)) {
                        try (GemmRulesScope s = GemmRulesScope.forcing(plan)) {
                            assertSame(plan, Gemm.plan(true, p.ta, p.tb, p.m, p.n, p.k, ops == Operands.RESIDENT_B));
                            p.check(ops, "forced " + plan);
                        }
                        ran.merge(plan, 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(OPENBLAS_PLANS.size(), ran.size(), "every plan ran on some product: " + ran);
    }

    @Test
    void nativeDoublePathsEqualJavaLoops() {
        assumeTrue(GemmRulesScope.openBlasLoaded(), "OpenBLAS did not load: its plans cannot run");
        Map<GemmPlan, Integer> taken = new LinkedHashMap<>();
        for (Product p : products) {
            GemmPlan chosen;
            try (GemmRulesScope s = GemmRulesScope.nativeFrom(1)) {
                chosen = Gemm.plan(false, p.ta, p.tb, p.m, p.n, p.k, false);
                taken.merge(chosen, 1, Integer::sum);
                p.checkDouble("rules' " + chosen);
            }
            for (GemmPlan plan : List.of(GemmPlan.OPENBLAS, GemmPlan.OPENBLAS_ROWS, GemmPlan.OPENBLAS_COLUMNS)) {
                if (plan.fits(false, p.ta, p.tb, p.m, p.n, p.k, false)) {
                    try (GemmRulesScope s = GemmRulesScope.forcing(plan)) {
                        p.checkDouble("forced " + plan);
                    }
                }
            }
        }
        assertTrue(taken.containsKey(GemmPlan.OPENBLAS_ROWS) && taken.containsKey(GemmPlan.OPENBLAS_COLUMNS), "" + taken);
    }

    /** {@code Nd4j.gemm}, the fallback should OpenBLAS not load: runs wherever ND4J does. */
    @Test
    void forcedNd4jFallbackEqualsJavaLoops() {
        try (GemmRulesScope s = GemmRulesScope.forcing(GemmPlan.ND4J)) {
            for (Product p : products) {
                for (Operands ops : Operands.values()) {
                    p.check(ops, "forced ND4J");
                }
            }
            for (Product p : products) {
                p.checkDouble("forced ND4J");
            }
        }
    }

    /** One product's operands, in float32 and in float64, and its Java-loop results. */
    private static final class Product {
        final int m;
        final int n;
        final int k;
        final boolean ta;
        final boolean tb;
        final float[] a;
        final float[] b;
        final float[] c0;
        final float[] ref;
        final double[] da;
        final double[] db;
        final double[] dc0;
        final double[] dref;

        Product(Random r, int m, int n, int k, boolean ta, boolean tb) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.ta = ta;
            this.tb = tb;
            a = floats(r, 3 + m * k);
            b = floats(r, 5 + k * n);
            c0 = floats(r, 2 + m * n);
            ref = c0.clone();
            JavaGemm.sgemm(ta, tb, m, n, k, a, 3, b, 5, 0.5f, ref, 2);
            da = gaussians(r, a.length);
            db = gaussians(r, b.length);
            dc0 = gaussians(r, c0.length);
            dref = dc0.clone();
            JavaGemm.dgemm(ta, tb, m, n, k, da, 3, db, 5, 0.5, dref, 2);
        }

        /** Computes the float64 product through Gemm and compares with the loops. */
        void checkDouble(String how) {
            double[] got = dc0.clone();
            Gemm.dgemm(ta, tb, m, n, k, da, 3, db, 5, 0.5, got, 2);
            for (int i = 0; i < dref.length; i++) {
                assertTrue(Math.abs(dref[i] - got[i]) < 1e-9 * (1 + Math.abs(dref[i])), how + " dgemm " + m + "x" + n
                        + "x" + k + " transA=" + ta + " transB=" + tb + " element " + i + ": " + dref[i] + " vs " + got[i]);
            }
        }

        /** Computes the float32 product through Gemm with the given operands and compares with the loops. */
        void check(Operands ops, String how) {
            float[] got = c0.clone();
            switch (ops) {
                case ARRAYS -> Gemm.sgemm(ta, tb, m, n, k, a, 3, b, 5, 0.5f, got, 2);
                case RESIDENT_B -> {
                    try (Gemm.Resident rb = Gemm.resident(b, 5, k * n)) {
                        Gemm.sgemm(ta, tb, m, n, k, a, 3, rb, 0.5f, got, 2);
                    }
                }
                case RESIDENT_A -> {
                    try (Gemm.Resident ra = Gemm.resident(a, 3, m * k)) {
                        Gemm.sgemm(ta, tb, m, n, k, ra, b, 5, 0.5f, got, 2);
                    }
                }
            }
            for (int i = 0; i < ref.length; i++) {
                assertTrue(Math.abs(ref[i] - got[i]) <= 1e-3f * (1 + Math.abs(ref[i])), how + " " + ops + " sgemm "
                        + m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb + ": element " + i + " "
                        + ref[i] + " vs " + got[i]);
            }
        }
    }

    private static float[] floats(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static double[] gaussians(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}
