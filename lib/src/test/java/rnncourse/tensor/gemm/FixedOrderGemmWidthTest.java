package rnncourse.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.ChildJvm;

/**
 * {@link FixedOrderGemm} gives the same bits at 16 lanes (512-bit vectors), 8 lanes (256-bit,
 * chosen by property and by {@code -XX:MaxVectorSize=32} as on an AVX2 CPU), with the scalar
 * kernel, and on one core: {@link FixedOrderGemmProbe} in child JVMs, which must each report the
 * kernel they were meant to run (with {@code BLAS=repro} chosen, which this probe does not use, so
 * that they are the same JVMs as those of {@code rnncourse.nn.CoreCountReproducibilityTest}). A
 * CPU without AVX-512 still runs the 512-bit species (the Vector API computes it in Java), so the
 * comparison holds on every machine.
 */
class FixedOrderGemmWidthTest {
    @Test
    void sixteenLanesEightLanesScalarAndOneCoreGiveTheSameBits() throws Exception {
        // the options of CoreCountReproducibilityTest's fixed-order children, which run this probe too (ChildJvm)
        String repro = "-Drnncourse.openblas.coretype=repro";
        List<String> wide = probe(repro, "-XX:ActiveProcessorCount=2", "-Drnncourse.gemm.vectorBits=512");
        assertTrue(wide.get(0).contains("16 lanes"), wide.get(0));
        List<String> narrow = probe(repro, "-XX:ActiveProcessorCount=2", "-Drnncourse.gemm.vectorBits=256");
        assertTrue(narrow.get(0).contains("8 lanes"), narrow.get(0));
        List<String> avx2Sized = probe("-XX:MaxVectorSize=32");
        assertTrue(avx2Sized.get(0).contains("8 lanes"), "auto follows MaxVectorSize: " + avx2Sized.get(0));
        List<String> scalar = probe(repro, "-XX:ActiveProcessorCount=2", "-Drnncourse.gemm.vectorBits=0");
        assertTrue(scalar.get(0).contains("scalar"), scalar.get(0));
        List<String> oneCore = probe(repro, "-XX:ActiveProcessorCount=1");
        assertTrue(oneCore.get(0).endsWith("parallel=false"), oneCore.get(0));

        assertEquals(wide.get(1), narrow.get(1), "16 lanes vs 8 lanes");
        assertEquals(wide.get(1), avx2Sized.get(1), "16 lanes vs MaxVectorSize=32");
        assertEquals(wide.get(1), scalar.get(1), "16 lanes vs scalar Math.fma");
        assertEquals(wide.get(1), oneCore.get(1), "two cores vs one");
        assertNotEquals(wide.get(1), wide.get(2), "the hash must tell the fused chain from mul-then-add loops");
    }

    /** Runs the probe in a child JVM with the given options; returns its three lines. */
    private static List<String> probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> lines = ChildJvm.run(FixedOrderGemmProbe.class, List.of(jvmOptions));
        assertEquals(3, lines.size(), "probe output: " + lines);
        return lines;
    }
}
