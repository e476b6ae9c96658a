package rnncourse.kernel.startup;

import io.github.spencerpark.jupyter.channels.Loop;
import rnncourse.kernel.exec.CellExecutionControl;
import rnncourse.kernel.exec.ExitRedirect;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * What happens when a thread of the kernel's JVM dies of an exception nobody caught (the JVM's
 * default uncaught exception handler).
 *
 * <p>A thread a cell started: its failure is printed, the kernel goes on. A thread the kernel
 * cannot answer without, basekernel's shell, control, stdin and heartbeat loops and JeroMQ's I/O
 * and reaper threads: it is not restarted by anyone, and a kernel whose process lives on without
 * it leaves every later cell waiting for a reply that never comes (190 s each, seen after an
 * OutOfMemoryError in {@code iothread-2}). So the kernel says so, in the notebook if it still can
 * and on its console, and exits; Jupyter then restarts it. The kernel's own sender and flusher
 * threads catch their failures themselves and never get here.
 *
 * <p>A small reserve of heap is let go before anything is printed, so that printing after an
 * OutOfMemoryError does not itself run out of memory (which ends the handler, silently).
 */
public final class ThreadFailures implements Thread.UncaughtExceptionHandler {
    /** Exit status when a vital thread died (EX_SOFTWARE): Jupyter restarts a kernel that exits. */
    public static final int VITAL_THREAD_DIED = 70;
    /** Longest the notebook message may take before the process exits anyway. */
    static final long NOTEBOOK_WAIT_MS = 1500;
    private static final int RESERVE_BYTES = 4 << 20;

    private final PrintStream console;
    private final Runnable exit;
    private volatile byte[] reserve = new byte[RESERVE_BYTES];
    private volatile Consumer<String> notebook = message -> { };

    /**
     * @param console the kernel's own console (the JVM's original stderr)
     * @param exit    ends the process; {@code Runtime.halt}, so no shutdown hook can hang it
     */
    public ThreadFailures(PrintStream console, Runnable exit) {
        this.console = console;
        this.exit = exit;
    }

    /** Makes this the JVM's default uncaught exception handler; exits with {@link #VITAL_THREAD_DIED}. */
    public static ThreadFailures install(PrintStream console) {
        ThreadFailures handler = new ThreadFailures(console, () -> Runtime.getRuntime().halt(VITAL_THREAD_DIED));
        Thread.setDefaultUncaughtExceptionHandler(handler);
        return handler;
    }

    /** @param notebook shows a line on the current cell's stderr (best effort) */
    public void tellNotebookWith(Consumer<String> notebook) {
        this.notebook = notebook;
    }

    /**
     * @param thread a thread that died
     * @return true if the kernel cannot answer requests without it
     */
    public static boolean isVital(Thread thread) {
        if (isCellThread(thread)) {
            return false; // a cell may name its threads anything
        }
        String name = thread.getName();
        return thread instanceof Loop || name.startsWith("iothread-") || name.startsWith("reaper-");
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (error instanceof ExitRedirect.CellExitException) {
            return; // a thread a cell started called System.exit: reported in the cell
        }
        reserve = null; // room to print in, after an OutOfMemoryError
        if (!isVital(thread)) {
            console.println("rnn-course kernel: thread " + thread.getName() + " failed:");
            error.printStackTrace(console);
            rearm();
            return;
        }
        String message = "rnn-course kernel: its thread " + thread.getName() + " died of " + error
                + "; the kernel cannot answer without it, so it exits now and Jupyter restarts it"
                + " (variables are lost; re-run the cells you need)";
        console.println(message);
        error.printStackTrace(console);
        console.flush();
        // on another thread, so a socket that no longer sends cannot keep the process alive
        Thread tell = new Thread(() -> notebook.accept(message), "fatal-notice");
        tell.setDaemon(true);
        tell.start();
        try {
            tell.join(NOTEBOOK_WAIT_MS);
        } catch (InterruptedException ignored) {
            // exit regardless
        }
        exit.run();
    }

    /** Takes the reserve again for the next failure, if the heap has room for it by now. */
    private void rearm() {
        try {
            reserve = new byte[RESERVE_BYTES];
        } catch (OutOfMemoryError stillFull) {
            // the next failure prints without it
        }
    }

    private static boolean isCellThread(Thread thread) {
        ThreadGroup group = thread.getThreadGroup();
        return group != null && CellExecutionControl.CELL_THREADS.parentOf(group);
    }
}
