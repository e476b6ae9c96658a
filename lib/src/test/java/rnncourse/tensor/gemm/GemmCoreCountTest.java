package rnncourse.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.ChildJvm;

/**
 * Each forced OpenBLAS plan gives the same bits on one core as on two ({@link GemmPlanProbe} in
 * child JVMs with {@code -XX:ActiveProcessorCount=1} and {@code 2}): on one core {@link rnncourse.tensor.threads.Parallel}
 * runs a plan's two halves one after the other, on two side by side, and how work is cut depends
 * on the plan only. That the hashes can tell plans apart is checked too: a product cut along k
 * rounds differently from the same product in one call.
 */
class GemmCoreCountTest {
    @Test
    void everyPlanGivesTheSameBitsOnOneAndTwoCores() throws Exception {
        List<String> one = probe(1);
        List<String> two = probe(2);
        assumeTrue(!one.contains("no OpenBLAS"), "OpenBLAS did not load: its plans cannot run");
        assertEquals("cores=1 parallel=false", one.get(0), "the 1-core child must run without the helper thread");
        assertEquals("cores=2 parallel=true", two.get(0));
        assertEquals(1 + GemmPlanProbe.PLANS.size(), one.size(), "one line a plan: " + one);
        assertEquals(one.subList(1, one.size()), two.subList(1, two.size()), "plan hashes, 1 core vs 2 cores");
        assertNotEquals(hash(one, GemmPlan.OPENBLAS), hash(one, GemmPlan.OPENBLAS_K_HALVES),
                "a k-cut product must round differently from one call, or the hashes see nothing");
    }

    private static String hash(List<String> lines, GemmPlan plan) {
        String prefix = plan + " ";
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    /** Runs {@link GemmPlanProbe} in a child JVM that sees {@code cores} cores; returns its output lines. */
    private static List<String> probe(int cores) throws IOException, InterruptedException {
        return ChildJvm.run(GemmPlanProbe.class, List.of("-XX:ActiveProcessorCount=" + cores));
    }
}
