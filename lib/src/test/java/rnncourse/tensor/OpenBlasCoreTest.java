package rnncourse.tensor;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenBlasCoreTest {
    @Test
    void avx512NeedsEverySubsetTheSkylakeXKernelsUse() {
        assertTrue(OpenBlasCore.hasAvx512(Set.of("fma", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")));
        // Knights Landing has F and CD but not BW/DQ/VL; AVX2-only CPUs have none.
        assertFalse(OpenBlasCore.hasAvx512(Set.of("avx2", "avx512f", "avx512cd", "avx512er", "avx512pf")));
        assertFalse(OpenBlasCore.hasAvx512(Set.of("avx", "avx2", "fma")));
        assertFalse(OpenBlasCore.hasAvx512(Set.of()));
    }

    @Test
    void upgradesOnlyMissingOrPreAvx512CoreTypesOnAvx512Cpus() {
        assertEquals("SKYLAKEX", OpenBlasCore.coreToSet("auto", null, true));
        assertEquals("SKYLAKEX", OpenBlasCore.coreToSet("auto", "Haswell", true));
        assertEquals("SKYLAKEX", OpenBlasCore.coreToSet("auto", "zen", true));
        assertNull(OpenBlasCore.coreToSet("auto", "COOPERLAKE", true), "an AVX-512 choice is kept");
        assertNull(OpenBlasCore.coreToSet("auto", null, false), "no AVX-512: OpenBLAS decides");
        assertNull(OpenBlasCore.coreToSet("auto", "Haswell", false));
        assertEquals("ZEN", OpenBlasCore.coreToSet("zen", "Haswell", true), "the property wins");
    }

    @Test
    void theChoiceIsReportedAndProductsStayCorrect() {
        String info = Gemm.backendInfo();
        assertTrue(info.contains("kernels "), info);
        // A product big enough for OpenBLAS, with whichever kernels were chosen, against Java loops.
        int m = 64, n = 96, k = 80;
        float[] a = new float[m * k], b = new float[n * k], c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(i);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) Math.cos(0.7 * i);
        }
        Gemm.sgemm(false, true, m, n, k, a, 0, b, 0, 0f, c, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = 0;
                for (int p = 0; p < k; p++) {
                    want += (double) a[i * k + p] * b[j * k + p];
                }
                assertEquals(want, c[i * n + j], 1e-4, "C[" + i + "," + j + "]");
            }
        }
        if (OpenBlasCore.hasAvx512(OpenBlasCore.cpuFlags()) && System.getProperty(OpenBlasCore.PROPERTY) == null
                && OpenBlasCore.coreToSet("auto", System.getenv("OPENBLAS_CORETYPE"), true) != null) {
            assertTrue(OpenBlasCore.select().startsWith("SKYLAKEX"), OpenBlasCore.select());
            assertTrue(OpenBlasCore.avx512Kernels());
        }
    }
}
