package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.ChildJvm;

/**
 * Training gives the same bits whatever number of cores the JVM sees: {@link CoreCountProbe}
 * runs in child JVMs with {@code -XX:ActiveProcessorCount=1, 2, 4, 8} and each must print the same
 * parameter hashes. One core runs the library's parallel sections one half after the other; the
 * halves themselves, and how their results are added, must not change.
 *
 * <p>That the comparison can fail is shown by a run that does change the arithmetic: a k-split
 * threshold far above the probe's products makes the RNN's weight gradients one product instead
 * of two added halves, which changes its hash (and only the models that use such products).
 */
class CoreCountReproducibilityTest {
    private static final int STEPS = 3;

    @Test
    void parametersAreBitIdenticalOn1248Cores() throws Exception {
        List<String> one = probe("-XX:ActiveProcessorCount=1");
        assertEquals("cores=1 parallel=false", one.get(0), "the 1-core child must run without the helper thread");
        for (int cores : new int[]{2, 4, 8}) {
            List<String> many = probe("-XX:ActiveProcessorCount=" + cores);
            assertEquals("cores=" + cores + " parallel=true", many.get(0));
            assertEquals(one.subList(1, one.size()), many.subList(1, many.size()),
                    "parameter hashes after " + STEPS + " training steps, 1 core vs " + cores + " cores");
        }
    }

    /**
     * The course default ({@code BLAS=repro}: float32 products by {@code FixedOrderGemm}) on 1 and 2
     * cores, and at 16 lanes, 8 lanes and scalar: one set of hashes, which differ from OpenBLAS's.
     */
    @Test
    void theFixedOrderProductTrainsTheSameOn1And2CoresAndAt16And8LanesAndScalar() throws Exception {
        String repro = "-Drnncourse.openblas.coretype=repro";
        List<String> one = probe(repro, "-XX:ActiveProcessorCount=1");
        List<String> two = probe(repro, "-XX:ActiveProcessorCount=2", "-Drnncourse.gemm.vectorBits=512");
        List<String> eight = probe(repro, "-XX:ActiveProcessorCount=2", "-Drnncourse.gemm.vectorBits=256");
        List<String> scalar = probe(repro, "-XX:ActiveProcessorCount=2", "-Drnncourse.gemm.vectorBits=0");
        assertEquals("cores=2 parallel=true", two.get(0));
        assertEquals(one.subList(1, 4), two.subList(1, 4), "repro: 1 core vs 2 cores (16 lanes)");
        assertEquals(two.subList(1, 4), eight.subList(1, 4), "repro: 16 lanes vs 8 lanes");
        assertEquals(two.subList(1, 4), scalar.subList(1, 4), "repro: 16 lanes vs scalar");
        List<String> openBlas = probe("-XX:ActiveProcessorCount=1");
        assertNotEquals(openBlas.get(1), one.get(1), "the LSTM trained by OpenBLAS and by the fixed-order product");
    }

    @Test
    void theHashesSeeADifferentSplit() throws Exception {
        List<String> usual = probe("-XX:ActiveProcessorCount=1");
        List<String> unsplit = probe("-XX:ActiveProcessorCount=1", "-Drnncourse.gemm.kSplitThreshold=" + Long.MAX_VALUE);
        assertEquals(4, usual.size());
        assertNotEquals(usual.get(2), unsplit.get(2), "the RNN's weight gradients are k-split; unsplit they round differently");
    }

    /** Runs {@link CoreCountProbe} in a child JVM with the given options; returns its output lines. */
    private static List<String> probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> lines = ChildJvm.run(CoreCountProbe.class, List.of(jvmOptions), Integer.toString(STEPS));
        assertEquals(4, lines.size(), "probe output: " + lines);
        return lines;
    }
}
