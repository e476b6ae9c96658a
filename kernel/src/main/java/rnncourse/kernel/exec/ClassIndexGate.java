package rnncourse.kernel.exec;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Holds back JShell's class-path index until the editor first asks for completion or inspection,
 * or the kernel has been idle for {@link #IDLE_MS} ms.
 *
 * <p>When JShell's source analysis is created, it starts indexing every class of the JDK and of the
 * class path on a background thread; only completion uses that index (class names that are not
 * imported, package names after {@code import}). The walk itself is short, but it is hot enough for
 * the JIT to compile it, and those compilations cost a kernel seconds of CPU right after it starts,
 * while the first cells run (bench/RESULTS.md: a kernel that never completes, as in a headless run,
 * or on a one-CPU Binder, where the cells wait for it). So the index is built on first use: JShell's
 * own {@code suspendIndexing}, which it uses around each completion, is held from the start and let
 * go once: at the first completion or inspection, or when no cell has run for {@link #IDLE_MS} ms,
 * as a student's kernel is between cells (so its first Tab finds the index built). Cells run
 * back to back, as headless runs and graders run them, never let it go.
 *
 * <p>Reaches into {@code jdk.jshell.SourceCodeAnalysisImpl} (needs
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}, as the kernelspec gives). Without it, or on
 * a JDK whose JShell differs, JShell indexes at once, as it always did, and {@link #why()} says why.
 */
public final class ClassIndexGate {
    /** How long the kernel must be idle (no cell running) before the index is built anyway. */
    public static final long IDLE_MS = 5000;

    private final SourceCodeAnalysis analysis;
    private final Method resume;
    private final String why;
    private final long idleMs;
    private final AtomicBoolean released = new AtomicBoolean();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> idleRelease;

    private ClassIndexGate(SourceCodeAnalysis analysis, Method resume, String why, long idleMs) {
        this.analysis = analysis;
        this.resume = resume;
        this.why = why;
        this.idleMs = idleMs;
    }

    /**
     * Creates {@code shell}'s source analysis with its indexing held back.
     *
     * <p>The index task runs on one static single-thread executor. A task queued there first keeps
     * it busy until indexing is suspended, so the index task the analysis queues cannot begin
     * before the suspension (no race with JShell's thread).
     *
     * @param idleMs how long the kernel must be idle before {@link #idle()} lets the index be built
     *               ({@link #IDLE_MS} in the kernel)
     */
    public static ClassIndexGate holdBack(JShell shell, long idleMs) {
        Method suspend;
        Method resume;
        ExecutorService indexer;
        try {
            Class<?> impl = Class.forName("jdk.jshell.SourceCodeAnalysisImpl");
            Field field = impl.getDeclaredField("INDEXER");
            field.setAccessible(true);
            indexer = (ExecutorService) field.get(null);
            suspend = impl.getMethod("suspendIndexing");
            resume = impl.getMethod("resumeIndexing");
            suspend.setAccessible(true);
            resume.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new ClassIndexGate(shell.sourceCodeAnalysis(), null,
                    "JShell's class index is built at once here (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", idleMs);
        }
        CountDownLatch suspended = new CountDownLatch(1);
        indexer.submit(() -> {
            suspended.await();
            return null;
        });
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        try {
            suspend.invoke(analysis);
            return new ClassIndexGate(analysis, resume, null, idleMs);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new ClassIndexGate(analysis, null,
                    "JShell's class index is built at once here (suspendIndexing: " + e + ")", idleMs);
        } finally {
            suspended.countDown();
        }
    }

    /** @return the source analysis, whose index may not be built yet */
    public SourceCodeAnalysis analysis() {
        return analysis;
    }

    /** @return the source analysis, after letting its index be built (the first call starts it) */
    public SourceCodeAnalysis analysisWithIndex() {
        if (resume != null && released.compareAndSet(false, true)) {
            try {
                resume.invoke(analysis);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // the index stays suspended: completion still works, without unimported class names
            }
        }
        return analysis;
    }

    /** A cell starts: the kernel is not idle. */
    public synchronized void busy() {
        if (idleRelease != null) {
            idleRelease.cancel(false);
            idleRelease = null;
        }
    }

    /** A cell ended, or none has run yet: unless one starts within the idle time, the index is built then. */
    public synchronized void idle() {
        busy();
        if (!holdingBack()) {
            return;
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "class-index-gate");
                t.setDaemon(true);
                return t;
            });
        }
        idleRelease = timer.schedule(this::analysisWithIndex, idleMs, TimeUnit.MILLISECONDS);
    }

    /**
     * JShell closed: lets its index task go, so that JShell's one indexing thread, shared by every
     * JShell in this JVM, is not left waiting on this one.
     */
    public synchronized void close() {
        busy();
        analysisWithIndex();
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** @return whether the index is held back (not yet asked for) */
    public boolean holdingBack() {
        return resume != null && !released.get();
    }

    /** @return null when the index is held back as intended, otherwise why JShell indexes at once */
    public String why() {
        return why;
    }
}
