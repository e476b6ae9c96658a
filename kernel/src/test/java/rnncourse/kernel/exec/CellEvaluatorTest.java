package rnncourse.kernel.exec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JShell engine on its own (no Jupyter): live values, errors, stopping. */
class CellEvaluatorTest {
    private static CellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new CellEvaluator(System.getProperty("java.class.path"), List.of(), -1, System.out, System.err);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void lastExpressionIsALiveObject() throws Exception {
        CellEvaluator.Result r = evaluator.eval("int w = 3;\nnew java.awt.image.BufferedImage(w, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)", 1, 1);
        assertTrue(r.hasValue());
        BufferedImage image = assertInstanceOf(BufferedImage.class, r.value());
        assertEquals(3, image.getWidth());
    }

    @Test
    void declarationsAndTrailingSemicolonShowNothing() throws Exception {
        assertFalse(evaluator.eval("int hidden = 4;", 1, 1).hasValue());
        assertFalse(evaluator.eval("hidden * 2;", 1, 1).hasValue());
        assertEquals(8, evaluator.eval("hidden * 2", 1, 1).value());
    }

    @Test
    void runtimeErrorNamesExceptionAndCellLine() {
        CellFailure f = assertThrows(CellFailure.class, () -> evaluator.eval("int zero = 0;\nint q = 1 / zero;", 7, 1));
        assertEquals("java.lang.ArithmeticException", f.errorName());
        assertTrue(TraceFormatterTest.plain(f.traceback()).contains("cell [7], line 2"), TraceFormatterTest.plain(f.traceback()));
    }

    @Test
    void compileErrorPointsAtTheLine() {
        CellFailure f = assertThrows(CellFailure.class, () -> evaluator.eval("\n\nString s = 5;", 2, 1));
        assertEquals("CompilationException", f.errorName());
        assertTrue(TraceFormatterTest.plain(f.traceback()).contains("cell [2], line 3"), TraceFormatterTest.plain(f.traceback()));
    }

    @Test
    void stopEndsALoopThatIgnoresInterrupts() throws Exception {
        evaluator.beginCell();
        CompletableFuture<CellFailure> running = CompletableFuture.supplyAsync(() -> {
            try {
                evaluator.eval("long spins = 0;\nwhile (true) { spins++; }", 3, 1);
                return null;
            } catch (CellFailure f) {
                return f;
            }
        });
        Thread.sleep(700);
        long start = System.nanoTime();
        evaluator.stop(StopReason.INTERRUPTED);
        CellFailure f = running.get(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "stopping took longer than 2 s");
        assertEquals("InterruptedException", f.errorName());
        evaluator.beginCell();
        assertEquals(5, evaluator.eval("2 + 3", 4, 1).value());
    }

    @Test
    void timeoutStopsTheSnippet() throws Exception {
        try (CellEvaluator timed = new CellEvaluator(System.getProperty("java.class.path"), List.of(), 500, System.out, System.err)) {
            long start = System.nanoTime();
            CellFailure f = assertThrows(CellFailure.class, () -> timed.eval("while (true) { }", 1, 1));
            assertEquals("TimeoutException", f.errorName());
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
            assertEquals("ok", timed.eval("\"ok\"", 2, 1).value());
        }
    }

    @Test
    void redefinitionReplacesMethodsAndClasses() throws Exception {
        evaluator.eval("int v() { return 1; }\nclass K { int k() { return 10; } }", 5, 1);
        assertEquals(11, evaluator.eval("v() + new K().k()", 6, 1).value());
        evaluator.eval("int v() { return 2; }\nclass K { int k() { return 20; } }", 7, 1);
        assertEquals(22, evaluator.eval("v() + new K().k()", 8, 1).value());
    }
}
