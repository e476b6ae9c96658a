package rnncourse.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FixedOrderGemm} computes exactly its rule — each element of C starts from beta·C and adds
 * a·b along k in order, one {@link Math#fma} a step — for every shape, transpose and beta, with
 * this JVM's vector kernel and with the scalar one, whole and cut in halves, and through
 * {@link Gemm} with a resident B. Bits, not tolerances. (Other vector widths and one core run in
 * child JVMs: {@link FixedOrderGemmWidthTest}.)
 */
class FixedOrderGemmTest {
    /**
     * Edge sizes: 1, below and around a tile (6 rows) and a vector of 4, 8 or 16 lanes (the direct
     * route's strips: narrower than a vector, exactly one, between one and two, two, between two and
     * three, past three), and a k past one k-block (256).
     */
    private static final int[] SIZES = {1, 2, 5, 6, 7, 8, 13, 16, 17, 24, 31, 32, 33, 48, 49, 64, 100};
    private static final int[] DEPTHS = {0, 1, 3, 17, 255, 256, 257, 600};

    /** The rule itself: a plain loop, one fused multiply-add a step. */
    static float[] reference(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float beta, float[] c0) {
        float[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = beta == 0f ? 0f : beta == 1f ? c[i * n + j] : c[i * n + j] * beta;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[p * m + i] : a[i * k + p];
                    float bv = transB ? b[j * k + p] : b[p * n + j];
                    acc = Math.fma(av, bv, acc);
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    /** One product's operands; values spread over magnitudes so that a different order rounds differently. */
    record Case(boolean transA, boolean transB, int m, int n, int k, float beta, float[] a, float[] b, float[] c) {
        static Case random(SplittableRandom rnd, boolean transA, boolean transB, int m, int n, int k, float beta) {
            return new Case(transA, transB, m, n, k, beta, values(rnd, m * k), values(rnd, k * n), values(rnd, m * n));
        }

        private static float[] values(SplittableRandom rnd, int len) {
            float[] v = new float[len];
            for (int i = 0; i < len; i++) {
                v[i] = (float) ((rnd.nextDouble() - 0.5) * Math.pow(2, rnd.nextInt(-8, 8)));
            }
            return v;
        }

        float[] expected() {
            return reference(transA, transB, m, n, k, a, b, beta, c);
        }

        /**
         * The product by this kernel and route, with A, B and C inside larger arrays at offsets;
         * fails if a float of C's array outside C was written.
         */
        float[] run(TileKernel kernel, FixedOrderGemm.Route route) {
            float[] aa = embed(a, A_OFF);
            float[] bb = embed(b, B_OFF);
            float[] cc = embed(c, C_OFF);
            FixedOrderGemm.sgemm(kernel, route, transA, transB, m, n, k, aa, A_OFF, bb, B_OFF, null, beta, cc, C_OFF);
            checkGuards(cc, C_OFF, c.length, kernel.describe() + ", " + route + ", " + this);
            return Arrays.copyOfRange(cc, C_OFF, C_OFF + c.length);
        }

        /** The product by this process's kernel with B prepared beforehand for the route, as a resident B is. */
        float[] runPrepared(FixedOrderGemm.Route route) {
            float[] bb = embed(b, B_OFF);
            float[] prepared = FixedOrderGemm.prepareB(route, transB, k, n, bb, B_OFF);
            float[] cc = embed(c, C_OFF);
            FixedOrderGemm.sgemm(FixedOrderGemm.kernel(), route, transA, transB, m, n, k, embed(a, A_OFF), A_OFF, bb,
                    B_OFF, prepared, beta, cc, C_OFF);
            checkGuards(cc, C_OFF, c.length, "prepared B, " + route + ", " + this);
            return Arrays.copyOfRange(cc, C_OFF, C_OFF + c.length);
        }

        @Override
        public String toString() {
            return m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB + " beta=" + beta;
        }
    }

    /** Where {@link Case#run} puts A, B and C in their arrays, which have {@link #GUARD} floats beyond. */
    private static final int A_OFF = 3;
    private static final int B_OFF = 7;
    private static final int C_OFF = 11;
    private static final int GUARD = 40;
    private static final float GUARD_VALUE = -12345.5f;

    private static float[] embed(float[] values, int off) {
        float[] out = new float[off + values.length + GUARD];
        Arrays.fill(out, GUARD_VALUE);
        System.arraycopy(values, 0, out, off, values.length);
        return out;
    }

    private static void checkGuards(float[] array, int off, int length, String what) {
        for (int i = 0; i < array.length; i++) {
            if ((i < off || i >= off + length) && array[i] != GUARD_VALUE) {
                throw new AssertionError(what + ": wrote index " + i + " outside C [" + off + ", " + (off + length) + ")");
            }
        }
    }

    /** Every combination of transposes and beta over edge sizes (a sample of the m, n, k grid). */
    static List<Case> cases() {
        SplittableRandom rnd = new SplittableRandom(27);
        List<Case> cases = new ArrayList<>();
        float[] betas = {0f, 1f, 0.5f};
        for (int m : SIZES) {
            for (int n : SIZES) {
                int k = DEPTHS[rnd.nextInt(DEPTHS.length)];
                cases.add(Case.random(rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, betas[rnd.nextInt(3)]));
            }
        }
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                for (float beta : betas) {
                    for (int k : DEPTHS) {
                        cases.add(Case.random(rnd, ta, tb, 37, 70, k, beta));
                    }
                    // large enough to be cut in halves by rows, and by columns
                    cases.add(Case.random(rnd, ta, tb, 260, 40, 300, beta));
                    cases.add(Case.random(rnd, ta, tb, 30, 300, 300, beta));
                    // narrower than a panel and taller than wide: computed as the transposed product
                    cases.add(Case.random(rnd, ta, tb, 100, 7, 45, beta));
                    // narrower than a vector with a long k (a weight gradient): the direct route's k-blocks
                    cases.add(Case.random(rnd, ta, tb, 40, 5, 700, beta));

                }
            }
        }
        return cases;
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", the rule gives " + expected[i]);
            }
        }
    }

    @Test
    void thisJvmsKernelAndTheScalarOneComputeTheRule() {
        TileKernel scalar = new ScalarTileKernel();
        for (Case c : cases()) {
            float[] expected = c.expected();
            for (FixedOrderGemm.Route route : FixedOrderGemm.Route.values()) {
                assertBits(expected, c.run(FixedOrderGemm.kernel(), route), FixedOrderGemm.kernel().describe() + ", " + route + ", " + c);
                assertBits(expected, c.run(scalar, route), scalar.describe() + ", " + route + ", " + c);
                assertBits(expected, c.runPrepared(route), "B prepared for " + route + ", " + c);
            }
        }
    }

    @Test
    void theVectorKernelRunsWhenTheModuleIsThere() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            assertTrue(FixedOrderGemm.describe().startsWith("fixed-order FMA (Vector API"), FixedOrderGemm.describe());
        }
    }

    @Test
    void gemmWithAResidentBTakesTheFixedOrderPlan() {
        try (GemmRulesScope ignored = GemmRulesScope.fixedOrder()) {
            for (Case c : cases()) {
                if ((long) c.m() * c.n() * c.k() < Gemm.nativeThreshold()) {
                    continue;
                }
                assertEquals(GemmPlan.FIXED_ORDER, Gemm.plan(true, c.transA(), c.transB(), c.m(), c.n(), c.k(), true));
                float[] out = c.c().clone();
                try (Gemm.Resident rb = Gemm.resident(c.b(), 0, c.b().length)) {
                    Gemm.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.a(), 0, rb, c.beta(), out, 0);
                    float[] again = c.c().clone();
                    Gemm.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.a(), 0, rb, c.beta(), again, 0);
                    assertBits(out, again, "the resident's packed B reused, " + c);
                }
                assertBits(c.expected(), out, "Gemm.sgemm with a resident B, " + c);
            }
        }
    }

    @Test
    void operandsAtOffsetsAreRead() {
        SplittableRandom rnd = new SplittableRandom(5);
        Case c = Case.random(rnd, true, false, 45, 50, 70, 1f);
        float[] a = new float[c.a().length + 3];
        float[] b = new float[c.b().length + 7];
        float[] out = new float[c.c().length + 11];
        System.arraycopy(c.a(), 0, a, 3, c.a().length);
        System.arraycopy(c.b(), 0, b, 7, c.b().length);
        System.arraycopy(c.c(), 0, out, 11, c.c().length);
        FixedOrderGemm.sgemm(true, false, 45, 50, 70, a, 3, b, 7, null, 1f, out, 11);
        float[] got = java.util.Arrays.copyOfRange(out, 11, out.length);
        assertBits(c.expected(), got, "offsets 3, 7, 11");
        assertEquals(0f, out[10], "C before its offset is untouched");
    }
}
