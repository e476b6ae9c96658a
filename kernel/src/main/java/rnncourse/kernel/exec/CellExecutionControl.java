package rnncourse.kernel.exec;

import jdk.jshell.execution.LocalExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

/**
 * Runs JShell snippets in this JVM on a fresh thread each, keeping the live result object
 * and owning how a running snippet is stopped.
 *
 * <p>Differences from JShell's stock local engine, and why:
 * <ul>
 *   <li>the raw returned object and the raw Throwable are kept ({@link #lastOutcome()}) so the
 *       kernel can render an image or a chart, and report the user's own exception;</li>
 *   <li>the thread's context class loader is JShell's class loader, without which ND4J finds
 *       no backend and ServiceLoader-based libraries fail;</li>
 *   <li>the thread gets a large stack, since autograd over long sequences recurses deeply;</li>
 *   <li>{@link #requestStop} interrupts first and, after a grace period, forces the thread to
 *       stop, so even {@code while (true) {}} ends; the same path enforces the timeout;</li>
 *   <li>only the snippet's own thread is awaited: threads it starts run on in the background.</li>
 * </ul>
 */
public final class CellExecutionControl extends LocalExecutionControl {
    /** Stack size of cell threads: deep enough for recursive backward passes. */
    static final long CELL_STACK_BYTES = 64L * 1024 * 1024;
    /** How long an interrupted cell may take to end by itself before it is forced to. */
    static final long STOP_GRACE_MS = 300;

    /** Threads that run user code; {@link ExitGuard} recognises them by this group. */
    public static final ThreadGroup CELL_THREADS = new ThreadGroup("notebook-cells");

    private final ThreadTerminator terminator;
    private final long timeoutMs;
    private final Object lock = new Object();
    private Thread running;
    private StopReason stopRequested;
    private StopReason pendingStop;
    private volatile SnippetOutcome lastOutcome = SnippetOutcome.NONE;
    private int threadCount;

    /**
     * @param terminator     how to force a thread to stop
     * @param timeoutMs      longest a snippet may run, 0 or less for no limit
     */
    public CellExecutionControl(ThreadTerminator terminator, long timeoutMs) {
        super(); // JShell's default class loading: a URLClassLoader under the application loader
        this.terminator = terminator;
        this.timeoutMs = timeoutMs;
    }

    /** @return the live outcome of the snippet invoked last */
    public SnippetOutcome lastOutcome() {
        return lastOutcome;
    }

    /** Forgets the last outcome so the kernel does not keep a large result alive. */
    public void clearLastOutcome() {
        lastOutcome = SnippetOutcome.NONE;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(CELL_THREADS, () -> {
            try {
                value[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                failure[0] = e.getCause();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "cell-" + (++threadCount), CELL_STACK_BYTES);
        thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        thread.setDaemon(true);
        synchronized (lock) {
            if (pendingStop != null) {
                // The interrupt came while JShell was compiling this snippet: do not start it.
                lastOutcome = new SnippetOutcome(null, null, pendingStop);
                pendingStop = null;
                throw new StoppedException();
            }
            running = thread;
            stopRequested = null;
        }
        StopReason stoppedBy;
        try {
            thread.start();
            awaitEnd(thread);
        } finally {
            synchronized (lock) {
                running = null;
                stoppedBy = stopRequested;
                stopRequested = null;
            }
        }
        Throwable thrown = failure[0];
        if (stoppedBy != null && (thrown == null || thrown instanceof ThreadDeath || thrown instanceof InterruptedException)) {
            lastOutcome = new SnippetOutcome(null, null, stoppedBy);
            throw new StoppedException();
        }
        lastOutcome = new SnippetOutcome(thrown == null ? value[0] : null, thrown, stoppedBy);
        if (thrown != null) {
            // Let JShell record the failure as usual; the kernel reports the live Throwable.
            throw new InvocationTargetException(thrown);
        }
        return valueString(value[0]);
    }

    /** Waits for the snippet thread, enforcing the timeout; survives interrupts of the caller. */
    private void awaitEnd(Thread thread) {
        long deadline = timeoutMs > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) : Long.MAX_VALUE;
        boolean timedOut = false;
        while (thread.isAlive()) {
            try {
                thread.join(50);
            } catch (InterruptedException ignored) {
                // The kernel's own thread is never meant to be interrupted; keep waiting.
            }
            if (!timedOut && System.nanoTime() > deadline) {
                timedOut = true;
                requestStop(StopReason.TIMED_OUT);
            }
        }
    }

    /**
     * Stops the running snippet: interrupts it, and forces it to stop if it has not ended
     * after {@value #STOP_GRACE_MS} ms. If none is running (JShell is compiling), the next
     * snippet of the cell is not started. Returns at once; safe from any thread.
     *
     * @param reason why, reported to the user
     * @return true if a snippet was running
     */
    public boolean requestStop(StopReason reason) {
        Thread target;
        synchronized (lock) {
            target = running;
            if (target == null) {
                pendingStop = reason;
                return false;
            }
            if (stopRequested == null) {
                stopRequested = reason;
            }
        }
        target.interrupt();
        Thread enforcer = new Thread(() -> {
            try {
                target.join(STOP_GRACE_MS);
                // Keep stopping: a cell may catch ThreadDeath (e.g. in a catch Throwable) once.
                for (int attempt = 0; attempt < 20 && target.isAlive(); attempt++) {
                    if (!terminator.terminate(target)) {
                        return;
                    }
                    target.join(100);
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "cell-stopper");
        enforcer.setDaemon(true);
        enforcer.start();
        return true;
    }

    /** Forgets a stop requested while no snippet ran; called when a new cell starts. */
    public void clearPendingStop() {
        synchronized (lock) {
            pendingStop = null;
        }
    }

    /** JShell's own stop request (not used by the kernel) goes through the same path. */
    @Override
    public void stop() {
        requestStop(StopReason.INTERRUPTED);
    }
}
