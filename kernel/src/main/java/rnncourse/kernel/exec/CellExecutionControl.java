package rnncourse.kernel.exec;

import jdk.jshell.execution.DirectExecutionControl;
import rnncourse.kernel.display.ValueText;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

/**
 * Runs JShell snippets in this JVM on a fresh thread each, keeping the live result object
 * and owning how a running snippet is stopped. The same on every JDK from 17 on.
 *
 * <p>Differences from JShell's stock local engine, and why:
 * <ul>
 *   <li>snippet classes are rewritten as they load ({@link SnippetInstrumenter}): stop checks,
 *       and exit calls that end the cell instead of the JVM. JShell's own engine instruments
 *       too, but only from JDK 20 and without exit redirects; this class extends
 *       {@link DirectExecutionControl}, so one mechanism serves every JDK;</li>
 *   <li>the raw returned object and the raw Throwable are kept ({@link #lastOutcome()}) so the
 *       kernel can render an image or a chart, and report the user's own exception;</li>
 *   <li>the thread's context class loader is JShell's class loader, without which ND4J finds
 *       no backend and ServiceLoader-based libraries fail;</li>
 *   <li>the thread gets a large stack ({@link #CELL_STACK_BYTES}), so recursion that a cell
 *       writes runs deep before it overflows (the course library's backward pass does not recurse);</li>
 *   <li>{@link #requestStop} interrupts the thread (ending a sleep, a blocking queue, or a
 *       library loop that checks) and makes the stop checks in cell code throw, so even
 *       {@code while (true) {}} ends; the same path enforces the timeout;</li>
 *   <li>only the snippet's own thread is awaited and stopped: threads it starts run on in the
 *       background;</li>
 *   <li>JShell's value string is a summary that costs nothing ({@link ValueText#summary}): the
 *       kernel renders the live object, and the stock string boxed and formatted every element
 *       of an array declared at top level (11-18 s for a 100-million-element one, on the
 *       kernel's thread, where no interrupt reaches).</li>
 * </ul>
 */
public final class CellExecutionControl extends DirectExecutionControl {
    /**
     * Stack size of cell threads: room for deep recursion in cell code (a recursive tree walk or
     * a hand-written recursive backward pass), so only a runaway recursion overflows.
     */
    static final long CELL_STACK_BYTES = 64L * 1024 * 1024;
    /** How often a stopped thread that is still running is interrupted again. */
    static final long REINTERRUPT_MS = 100;

    /** Threads that run user code (and the threads they start, which inherit the group). */
    public static final ThreadGroup CELL_THREADS = new ThreadGroup("notebook-cells");

    private final long timeoutMs;
    private final PrintStream warnings;
    private final Object lock = new Object();
    private Thread running;
    private StopReason stopRequested;
    private ExitRedirect.CellExitException exitRequested;
    private StopReason pendingStop;
    private ExitRedirect.CellExitException pendingExit;
    private volatile SnippetOutcome lastOutcome = SnippetOutcome.NONE;
    private int threadCount;

    /**
     * @param timeoutMs longest a snippet may run, 0 or less for no limit
     * @param warnings  where to say that a class could not be instrumented
     */
    public CellExecutionControl(long timeoutMs, PrintStream warnings) {
        super(); // JShell's default class loading: a URLClassLoader under the application loader
        this.timeoutMs = timeoutMs;
        this.warnings = warnings;
        ExitRedirect.listen(this::exitRequested);
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
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] rewritten = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            rewritten[i] = new ClassBytecodes(classes[i].name(), instrumented(classes[i]));
        }
        super.load(rewritten);
    }

    /** The rewritten class; the original, with a warning, if it cannot be rewritten. */
    private byte[] instrumented(ClassBytecodes snippetClass) {
        try {
            return SnippetInstrumenter.instrument(snippetClass.bytecodes());
        } catch (RuntimeException cannot) {
            // E.g. a class file newer than ASM reads, or a method grown past 64 KiB by the checks.
            warnings.println("rnn-course kernel: " + snippetClass.name() + " runs without stop checks"
                    + " (interrupt and System.exit guard do not reach it): " + cannot);
            return snippetClass.bytecodes();
        }
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
            if (pendingExit != null) {
                // A thread the cell started asked to exit between two of its snippets.
                lastOutcome = new SnippetOutcome(null, pendingExit, null);
                ExitRedirect.CellExitException exit = pendingExit;
                pendingExit = null;
                throw new InvocationTargetException(exit);
            }
            if (pendingStop != null) {
                // The interrupt came while JShell was compiling this snippet: do not start it.
                lastOutcome = new SnippetOutcome(null, null, pendingStop);
                pendingStop = null;
                throw new StoppedException();
            }
            running = thread;
            stopRequested = null;
            exitRequested = null;
        }
        StopReason stoppedBy;
        ExitRedirect.CellExitException exit;
        try {
            thread.start();
            awaitEnd(thread);
        } finally {
            synchronized (lock) {
                running = null;
                stoppedBy = stopRequested;
                exit = exitRequested;
                stopRequested = null;
                exitRequested = null;
                // under the lock, so a stop that raced with the end cannot outlive the thread
                StopCheck.release(thread);
            }
        }
        Throwable thrown = failure[0];
        if (exit != null) {
            // An exit ends the cell wherever it came from (this thread, or one the cell started).
            lastOutcome = new SnippetOutcome(null, exit, null);
            throw new InvocationTargetException(exit);
        }
        if (stoppedBy != null) {
            // Whatever the cell did once stopped (the stop error, an InterruptedException, a
            // library's CancellationException, or finishing), it reports the stop.
            lastOutcome = new SnippetOutcome(null, null, stoppedBy);
            throw new StoppedException();
        }
        lastOutcome = new SnippetOutcome(thrown == null ? value[0] : null, thrown, null);
        if (thrown != null) {
            // Let JShell record the failure as usual; the kernel reports the live Throwable.
            throw new InvocationTargetException(thrown);
        }
        return ValueText.summary(value[0]);
    }

    /** The same summary as {@link #invoke}'s, for a variable (the kernel does not ask for it). */
    @Override
    public String varValue(String className, String varName) throws InternalException {
        try {
            Field variable = findClass(className).getDeclaredField(varName);
            variable.setAccessible(true);
            return ValueText.summary(variable.get(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new InternalException(e.toString());
        }
    }

    /**
     * Waits for the snippet thread, enforcing the timeout and interrupting a stopped thread
     * again while it runs (it may have swallowed the first interrupt); survives interrupts of
     * the caller.
     */
    private void awaitEnd(Thread thread) {
        long deadline = timeoutMs > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) : Long.MAX_VALUE;
        boolean timedOut = false;
        long nextInterrupt = Long.MAX_VALUE;
        while (thread.isAlive()) {
            try {
                thread.join(20);
            } catch (InterruptedException ignored) {
                // The kernel's own thread is never meant to be interrupted; keep waiting.
            }
            long now = System.nanoTime();
            if (!timedOut && now > deadline) {
                timedOut = true;
                requestStop(StopReason.TIMED_OUT);
            }
            if (StopCheck.isStopping(thread)) {
                if (nextInterrupt == Long.MAX_VALUE) {
                    nextInterrupt = now + TimeUnit.MILLISECONDS.toNanos(REINTERRUPT_MS);
                } else if (now > nextInterrupt) {
                    thread.interrupt();
                    nextInterrupt = now + TimeUnit.MILLISECONDS.toNanos(REINTERRUPT_MS);
                }
            }
        }
    }

    /**
     * Stops the running snippet: interrupts its thread and makes every stop check in cell code
     * on that thread throw. If none is running (JShell is compiling), the next snippet of the
     * cell is not started. Returns at once; safe from any thread.
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
            StopCheck.stop(target);
        }
        target.interrupt();
        return true;
    }

    /** An exit call in cell code, on any thread: the running cell ends with it. */
    private void exitRequested(ExitRedirect.CellExitException exit) {
        Thread target;
        synchronized (lock) {
            target = running;
            if (target == null) {
                // Between two snippets: the cell's next snippet reports it (a new cell forgets it).
                pendingExit = exit;
                return;
            }
            if (exitRequested == null) {
                exitRequested = exit;
            }
            StopCheck.stop(target);
        }
        if (target != Thread.currentThread()) {
            target.interrupt();
        }
    }

    /**
     * Forgets a stop or exit requested while no snippet ran; called when a new cell starts. An
     * exit that a background thread asked for after its cell ended is mentioned on the new cell's
     * stderr: that thread has ended, nothing else.
     */
    public void clearPendingStop() {
        synchronized (lock) {
            pendingStop = null;
            if (pendingExit != null) {
                System.err.println("Note: a thread started by an earlier cell ended: " + pendingExit.getMessage());
            }
            pendingExit = null;
        }
    }

    /** JShell's own stop request (not used by the kernel) goes through the same path. */
    @Override
    public void stop() {
        requestStop(StopReason.INTERRUPTED);
    }
}
