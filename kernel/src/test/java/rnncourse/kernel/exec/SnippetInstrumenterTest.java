package rnncourse.kernel.exec;

import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rewritten class files on their own: they verify and compute what the originals compute,
 * stop where the originals run on, and exit calls throw instead of ending the test JVM.
 */
class SnippetInstrumenterTest {
    /** Code of the shapes javac produces from cells: loops of every kind, switches, try, lambdas, records. */
    private static final String SAMPLE = String.join("\n",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "public class Sample {",
            "  record Pair(int a, int b) { Pair { if (a < 0) throw new IllegalArgumentException(); } }",
            "  int field;",
            "  Sample(int f) { super(); field = f > 0 ? f : -f; }",
            "  public static long mixed(int n) {",
            "    long s = 0;",
            "    for (int i = 0; i < n; i++) {",
            "      switch (i % 4) { case 0: s += i; break; case 1: s -= 1; break; case 7: s *= 2; break; default: s ^= i; }",
            "      int k = 0; do { k++; } while (k < 3);",
            "      try { if (i % 5 == 0) throw new RuntimeException(); s++; } catch (RuntimeException e) { s += 2; } finally { s += 1; }",
            "      String t = switch (i % 3) { case 0 -> \"a\"; case 1 -> \"bb\"; default -> \"ccc\"; };",
            "      s += t.length() + new Sample(-i).field + new Pair(i, 1).b();",
            "    }",
            "    IntUnaryOperator twice = x -> 2 * x;",
            "    s += IntStream.range(0, n).map(twice).filter(x -> x % 3 == 0).sum();",
            "    return s;",
            "  }",
            "  public static long spinFor(long nanos) { long until = System.nanoTime() + nanos, n = 0; while (System.nanoTime() < until) n++; return n; }",
            "  public static long tree(int d) { return d == 0 ? 1 : tree(d - 1) + tree(d - 1); }",
            "  public static void streamForever() { IntStream.iterate(0, i -> i + 1).forEach(i -> { }); }",
            "  public static void exit(int s) { System.exit(s); }",
            "  public static void runtimeExit(int s) { Runtime.getRuntime().exit(s); }",
            "  public static void halt(int s) { Runtime.getRuntime().halt(s); }",
            "  public static void exitByReference(int s) { IntConsumer c = System::exit; c.accept(s); }",
            "  public static void haltByReference(int s) { ObjIntConsumer<Runtime> c = Runtime::halt; c.accept(Runtime.getRuntime(), s); }",
            "}");

    private static Class<?> load(boolean instrumented) {
        Map<String, byte[]> classes = new HashMap<>(InMemoryJavac.compileAll("Sample", SAMPLE));
        if (instrumented) {
            classes.replaceAll((name, bytes) -> SnippetInstrumenter.instrument(bytes));
        }
        try {
            return Class.forName("Sample", true, new InMemoryJavac.ByteLoader(classes));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Object call(Class<?> c, String method, Object arg) throws Throwable {
        Method m = c.getMethod(method, arg instanceof Integer ? int.class : long.class);
        try {
            return m.invoke(null, arg);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object callNoArgs(Class<?> c, String method) throws Throwable {
        try {
            return c.getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void rewrittenClassesVerifyAndComputeTheSame() throws Throwable {
        // the JVM verifies classes from this loader, so a broken stack map would fail here
        assertEquals(call(load(false), "mixed", 200), call(load(true), "mixed", 200));
    }

    /** Runs {@code body} on a thread, stops that thread after 300 ms, returns what it threw (or null) and how long the stop took. */
    private static Stopped stopAfterStart(Call body) throws Exception {
        CompletableFuture<Thread> started = new CompletableFuture<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            started.complete(Thread.currentThread());
            try {
                body.run();
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        t.setDaemon(true);
        t.start();
        started.get(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        long start = System.nanoTime();
        StopCheck.stop(t);
        try {
            Throwable thrown = ended.get(10, TimeUnit.SECONDS);
            return new Stopped(thrown, (System.nanoTime() - start) / 1e9);
        } finally {
            StopCheck.release(t);
        }
    }

    private interface Call {
        void run() throws Throwable;
    }

    private record Stopped(Throwable thrown, double seconds) {
    }

    @Test
    void aStoppedLoopEndsAtOnceWhereTheOriginalRunsOn() throws Exception {
        Stopped plain = stopAfterStart(() -> call(load(false), "spinFor", 2_000_000_000L));
        assertEquals(null, plain.thrown(), "the original loop has no checks and runs to its end");
        assertTrue(plain.seconds() > 1.0, "the original loop ran " + plain.seconds() + " s after the stop");

        // 20 s of loop, stopped: stopAfterStart waits 10 s at most, so it must end by the check.
        // (The 1 s bar is test_faults.py's, through Jupyter; here only the time is printed, since
        // on a machine with dozens of runnable threads a unit test can take longer than that.)
        Stopped checked = stopAfterStart(() -> call(load(true), "spinFor", 20_000_000_000L));
        assertInstanceOf(CellStoppedError.class, checked.thrown());
        System.out.printf("SnippetInstrumenterTest: a loop stopped %.3f s after the stop%n", checked.seconds());
    }

    @Test
    void recursionWithoutALoopAndAStreamLambdaStop() throws Exception {
        Class<?> c = load(true);
        Stopped tree = stopAfterStart(() -> call(c, "tree", 200));
        assertInstanceOf(CellStoppedError.class, tree.thrown());
        Stopped stream = stopAfterStart(() -> callNoArgs(c, "streamForever"));
        assertInstanceOf(CellStoppedError.class, stream.thrown());
        System.out.printf("SnippetInstrumenterTest: recursion stopped after %.3f s, stream after %.3f s%n",
                tree.seconds(), stream.seconds());
    }

    @Test
    void aStopAimsAtOneThreadOnly() throws Exception {
        Class<?> c = load(true);
        CompletableFuture<Object> other = CompletableFuture.supplyAsync(() -> {
            try {
                return call(c, "spinFor", 1_500_000_000L);
            } catch (Throwable e) {
                return e;
            }
        });
        Stopped target = stopAfterStart(() -> call(c, "spinFor", 20_000_000_000L));
        assertInstanceOf(CellStoppedError.class, target.thrown());
        assertInstanceOf(Long.class, other.get(10, TimeUnit.SECONDS), "a thread not stopped ran to its end");
    }

    @Test
    void exitCallsThrowInsteadOfEndingTheJvm() throws Throwable {
        Class<?> c = load(true);
        Map<String, String> calls = Map.of("exit", "System.exit(3)", "runtimeExit", "Runtime.exit(3)", "halt", "Runtime.halt(3)",
                "exitByReference", "System.exit(3)", "haltByReference", "Runtime.halt(3)");
        for (Map.Entry<String, String> e : calls.entrySet()) {
            Throwable thrown = null;
            try {
                call(c, e.getKey(), 3);
            } catch (Throwable t) {
                thrown = t;
            }
            ExitRedirect.CellExitException exit = assertInstanceOf(ExitRedirect.CellExitException.class, thrown, e.getKey());
            assertEquals(3, exit.status());
            assertTrue(exit.getMessage().startsWith(e.getValue()), exit.getMessage());
        }
    }

    @Test
    void checksCostNothingWhileNoStopIsPending() throws Throwable {
        // not a timing: no thread is to stop, so the checks pass and the result is the original's
        assertFalse(StopCheck.isStopping(Thread.currentThread()));
        assertEquals(1L << 10, call(load(true), "tree", 10));
    }
}
