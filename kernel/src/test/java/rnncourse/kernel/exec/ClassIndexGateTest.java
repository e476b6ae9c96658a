package rnncourse.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * JShell's class index is held back from the start and let go once: at the editor's first request,
 * after an idle time, or when JShell closes. Read through JShell's own suspension count (the
 * surefire JVM opens {@code jdk.jshell} as the kernelspec does).
 */
class ClassIndexGateTest {
    private static int suspensions(SourceCodeAnalysis analysis) throws ReflectiveOperationException {
        Field suspend = analysis.getClass().getDeclaredField("suspend");
        suspend.setAccessible(true);
        return suspend.getInt(analysis);
    }

    private static JShell shell() {
        return JShell.builder().executionEngine("local").build();
    }

    @Test
    void theIndexWaitsForTheEditorsFirstRequestAndIsLetGoOnce() throws Exception {
        try (JShell shell = shell()) {
            ClassIndexGate gate = ClassIndexGate.holdBack(shell, 60_000);
            assertNull(gate.why(), "the gate works in a JVM that opens jdk.jshell");
            assertTrue(gate.holdingBack());
            assertEquals(1, suspensions(gate.analysis()), "indexing suspended from the start");
            gate.busy();
            gate.idle();
            assertEquals(1, suspensions(gate.analysis()), "a cell's end starts only the idle wait");
            SourceCodeAnalysis analysis = gate.analysisWithIndex();
            assertFalse(gate.holdingBack());
            assertEquals(0, suspensions(analysis), "the first request lets indexing go on");
            gate.analysisWithIndex();
            assertEquals(0, suspensions(analysis), "only once: a second resume would undo JShell's own suspensions");
            gate.close();
        }
    }

    @Test
    void anIdleKernelBuildsTheIndexAndACellStartingInTimeKeepsItHeld() throws Exception {
        try (JShell shell = shell()) {
            ClassIndexGate gate = ClassIndexGate.holdBack(shell, 150);
            gate.idle();
            gate.busy();
            Thread.sleep(600);
            assertTrue(gate.holdingBack(), "a cell started within the idle time: still held back");
            gate.idle();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (gate.holdingBack() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(gate.holdingBack(), "idle for longer than the idle time: let go");
            assertEquals(0, suspensions(gate.analysis()));
            gate.close();
        }
    }

    @Test
    void closingLetsTheSharedIndexingThreadGo() throws Exception {
        try (JShell shell = shell()) {
            ClassIndexGate gate = ClassIndexGate.holdBack(shell, 60_000);
            gate.close();
            assertFalse(gate.holdingBack());
            assertEquals(0, suspensions(gate.analysis()));
        }
    }
}
