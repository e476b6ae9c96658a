package rnncourse.tensor.gemm;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OpenBlasCoreTest {
    @Test
    void avx512NeedsEverySubsetTheSkylakeXKernelsUse() {
        assertTrue(OpenBlasCore.hasAvx512(Set.of("fma", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")));
        // Knights Landing has F and CD but not BW/DQ/VL; AVX2-only CPUs have none.
        assertFalse(OpenBlasCore.hasAvx512(Set.of("avx2", "avx512f", "avx512cd", "avx512er", "avx512pf")));
        assertFalse(OpenBlasCore.hasAvx512(Set.of("avx", "avx2", "fma")));
        assertFalse(OpenBlasCore.hasAvx512(Set.of()));
    }

    private static final Set<String> AVX512_CPU = Set.of("fma", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Set<String> AVX2_CPU = Set.of("avx", "fma", "avx2");
    private static final Set<String> SSE_CPU = Set.of("sse2", "sse4_2");

    @Test
    void upgradesOnlyMissingOrPreAvx512CoreTypesOnAvx512Cpus() {
        assertEquals("SKYLAKEX", OpenBlasCore.coreToSet("auto", null, AVX512_CPU));
        assertEquals("SKYLAKEX", OpenBlasCore.coreToSet("auto", "Haswell", AVX512_CPU));
        assertEquals("SKYLAKEX", OpenBlasCore.coreToSet("auto", "zen", AVX512_CPU));
        assertNull(OpenBlasCore.coreToSet("auto", "COOPERLAKE", AVX512_CPU), "an AVX-512 choice is kept");
        assertNull(OpenBlasCore.coreToSet("auto", null, AVX2_CPU), "no AVX-512: OpenBLAS decides");
        assertNull(OpenBlasCore.coreToSet("auto", "Haswell", AVX2_CPU));
        assertEquals("ZEN", OpenBlasCore.coreToSet("zen", "Haswell", AVX512_CPU), "the property wins");
    }

    @Test
    void theReproducibleChoiceIsHaswellOnEveryCpuThatCanRunIt() {
        assertEquals("HASWELL", OpenBlasCore.coreToSet("avx2", null, AVX512_CPU), "AVX-512 CPUs run the AVX2 kernels too");
        assertEquals("HASWELL", OpenBlasCore.coreToSet("AVX2", "SkylakeX", AVX512_CPU), "over an environment's choice");
        assertEquals("HASWELL", OpenBlasCore.coreToSet("avx2", "Zen", AVX2_CPU), "one name for Intel and AMD");
        assertNull(OpenBlasCore.coreToSet("avx2", null, SSE_CPU), "no AVX2: OpenBLAS's own choice, not an illegal instruction");
    }

    @Test
    void reproLeavesWhatStillRunsOnOpenBlasOnTheHaswellKernels() {
        assertEquals("HASWELL", OpenBlasCore.coreToSet("repro", null, AVX512_CPU), "float64 products as under avx2");
        assertEquals("HASWELL", OpenBlasCore.coreToSet("repro", "SkylakeX", AVX2_CPU));
        assertNull(OpenBlasCore.coreToSet("repro", null, SSE_CPU), "no AVX2: OpenBLAS's own choice");
    }

    @Test
    void refusesCoresTheCpuCannotRun() {
        assertNull(OpenBlasCore.coreToSet("SkylakeX", null, AVX2_CPU), "AVX-512 kernels on an AVX2 CPU die of SIGILL");
        assertNull(OpenBlasCore.coreToSet("cooperlake", null, SSE_CPU));
        assertNull(OpenBlasCore.coreToSet("haswell", null, SSE_CPU));
        assertEquals("SKYLAKEX", OpenBlasCore.coreToSet("skylakex", null, AVX512_CPU));
        assertEquals("HASWELL", OpenBlasCore.coreToSet("auto", "SkylakeX", AVX2_CPU), "an impossible environment is replaced");
        assertEquals("NEHALEM", OpenBlasCore.coreToSet("nehalem", null, SSE_CPU), "a name without known needs is passed on");
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
    }

    @Test
    void anAvx512CpuGetsTheAvx512KernelsByDefault() {
        assumeTrue(OpenBlasCore.hasAvx512(OpenBlasCore.cpuFlags()), "this CPU has no AVX-512");
        assumeTrue(System.getProperty(OpenBlasCore.PROPERTY) == null, "-D" + OpenBlasCore.PROPERTY + " chooses the kernels");
        assumeTrue(OpenBlasCore.coreToSet("auto", System.getenv("OPENBLAS_CORETYPE"), AVX512_CPU) != null,
                "OPENBLAS_CORETYPE already names AVX-512 kernels");
        assertTrue(OpenBlasCore.select().startsWith("SKYLAKEX"), OpenBlasCore.select());
        assertTrue(OpenBlasCore.avx512Kernels());
    }
}
