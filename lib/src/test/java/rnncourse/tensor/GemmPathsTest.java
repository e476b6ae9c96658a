package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The native GEMM paths (OpenBLAS, whole or split in two halves by rows or columns, with a
 * resident B) against the Java loops, for every transposition, with offsets and beta ≠ 0.
 */
class GemmPathsTest {
    /**
     * m, n, k: small (one call), rows split (m ≥ n), columns split (n > m), odd sizes, and the
     * course's own shapes, which OpenBLAS's AVX-512 kernels serve with their small-matrix code
     * (an LSTM step's half batch, char-RNN's all-steps products, a vector); a small C with a long
     * k is split along k (25×25×1700, and 50×40×3001, odd k); operands from 2¹⁸ elements are
     * copied to native memory in two halves (600×40×500, 40×30×9000); with a resident B, small-row
     * products run in column blocks (50×512×128, 50×128×512, and 100×520×128, a ragged last block).
     */
    private static final int[][] SHAPES = {{7, 9, 11}, {300, 97, 150}, {61, 333, 201},
            {50, 512, 128}, {1700, 25, 25}, {25, 25, 1700}, {1, 40, 10}, {17, 1, 33}, {100, 156, 512},
            {50, 40, 3001}, {600, 40, 500}, {40, 30, 9000}, {50, 128, 512}, {100, 520, 128}};

    @Test
    void nativeFloatPathsEqualJavaLoops() {
        Random r = new Random(9);
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                float[] a = random(r, 3 + m * k);
                float[] b = random(r, 5 + k * n);
                float[] c0 = random(r, 2 + m * n);
                float[] ref = c0.clone();
                Gemm.javaSgemm(ta, tb, m, n, k, a, 3, b, 5, 0.5f, ref, 2);
                long saved = Gemm.nd4jThreshold();
                try {
                    Gemm.setNd4jThreshold(1);
                    float[] got = c0.clone();
                    Gemm.sgemm(ta, tb, m, n, k, a, 3, b, 5, 0.5f, got, 2);
                    assertClose(ref, got, "sgemm " + m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb);
                    float[] res = c0.clone();
                    try (Gemm.Resident rb = Gemm.resident(b, 5, k * n)) {
                        Gemm.sgemm(ta, tb, m, n, k, a, 3, rb, 0.5f, res, 2);
                    }
                    assertClose(ref, res, "resident-B sgemm " + m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb);
                    float[] resA = c0.clone();
                    try (Gemm.Resident ra = Gemm.resident(a, 3, m * k)) {
                        Gemm.sgemm(ta, tb, m, n, k, ra, b, 5, 0.5f, resA, 2);
                    }
                    assertClose(ref, resA, "resident-A sgemm " + m + "x" + n + "x" + k + " transA=" + ta + " transB=" + tb);
                } finally {
                    Gemm.setNd4jThreshold(saved);
                }
            }
        }
    }

    @Test
    void nativeDoublePathEqualsJavaLoops() {
        Random r = new Random(10);
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            double[] a = new double[m * k];
            double[] b = new double[k * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextGaussian();
            }
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                long saved = Gemm.nd4jThreshold();
                double[] ref = new double[m * n];
                double[] got = new double[m * n];
                try {
                    Gemm.setNd4jThreshold(Long.MAX_VALUE);
                    Gemm.dgemm(ta, tb, m, n, k, a, 0, b, 0, 0, ref, 0);
                    Gemm.setNd4jThreshold(1);
                    Gemm.dgemm(ta, tb, m, n, k, a, 0, b, 0, 0, got, 0);
                } finally {
                    Gemm.setNd4jThreshold(saved);
                }
                for (int i = 0; i < ref.length; i++) {
                    assertTrue(Math.abs(ref[i] - got[i]) < 1e-9 * (1 + Math.abs(ref[i])),
                            "dgemm transA=" + ta + " transB=" + tb + " element " + i + ": " + ref[i] + " vs " + got[i]);
                }
            }
        }
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static void assertClose(float[] ref, float[] got, String what) {
        for (int i = 0; i < ref.length; i++) {
            assertTrue(Math.abs(ref[i] - got[i]) <= 1e-3f * (1 + Math.abs(ref[i])),
                    what + ": element " + i + " " + ref[i] + " vs " + got[i]);
        }
    }
}
