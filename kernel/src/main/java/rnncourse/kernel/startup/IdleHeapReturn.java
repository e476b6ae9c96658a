package rnncourse.kernel.startup;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Gives heap a cell let go back to the operating system once the kernel is idle: when no cell has
 * run for {@link #IDLE_MS} and the committed heap grew by more than {@link #GROWTH_BYTES} since the
 * last such collection, it runs one full collection.
 *
 * <p>Why the kernel does this itself: the kernel runs the serial collector, which is the fastest
 * for the course's training steps (G1's barriers cost 5–6 % on them, bench/RESULTS.md), and with
 * {@code -XX:-ShrinkHeapInSteps} it shrinks the heap to what it needs at every full collection. But
 * the serial collector collects fully only when its old generation fills up, and a large array
 * dropped by a student's cell may never fill it again: the kernel would keep its peak resident
 * memory, on a class server a student's whole budget. One full collection while the student reads
 * the output costs nothing they wait for (tens of milliseconds for the course's heaps); a cell that
 * starts meanwhile waits for it to end.
 *
 * <p>Heap growth is the trigger because only a grown heap has memory to give back; a kernel whose
 * cells allocate and drop small objects never grows it and is never collected here.
 */
public final class IdleHeapReturn {
    /** How long the kernel must be idle (no cell running) before it collects. */
    public static final long IDLE_MS = 3000;
    /** How much the committed heap must have grown since the last idle collection. */
    public static final long GROWTH_BYTES = 64L << 20;

    private final ScheduledExecutorService timer;
    private final LongSupplier committedBytes;
    private final Runnable collect;
    private final long idleMs;
    private final PrintStream log;
    private ScheduledFuture<?> pending;
    private boolean cellRunning;
    private long baseline;

    IdleHeapReturn(long idleMs, LongSupplier committedBytes, Runnable collect, PrintStream log) {
        this.idleMs = idleMs;
        this.committedBytes = committedBytes;
        this.collect = collect;
        this.log = log;
        this.baseline = committedBytes.getAsLong();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "idle-heap-return");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The kernel's: collects with {@link System#gc()} after {@link #IDLE_MS} of idleness.
     *
     * @param log where to say that a collection failed (the kernel's console)
     * @return the started watcher; call {@link #cellStarted()} and {@link #cellEnded()} around every cell
     */
    public static IdleHeapReturn start(PrintStream log) {
        return new IdleHeapReturn(IDLE_MS, () -> Runtime.getRuntime().totalMemory(), System::gc, log);
    }

    /** A cell begins: a collection that has not started yet is called off. */
    public synchronized void cellStarted() {
        cellRunning = true;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** A cell ended: a collection is due after the idle time, unless another cell starts first. */
    public synchronized void cellEnded() {
        cellRunning = false;
        // the least committed heap since the last idle collection (a full collection the old
        // generation triggered may have shrunk it): growth is counted from there
        baseline = Math.min(baseline, committedBytes.getAsLong());
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            pending = timer.schedule(this::collectIfGrown, idleMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            pending = null; // the kernel is shutting down: nothing to give back any more
        }
    }

    /** Whether the committed heap grew past the threshold since the last idle collection. */
    synchronized boolean grown() {
        return committedBytes.getAsLong() - baseline > GROWTH_BYTES;
    }

    private void collectIfGrown() {
        synchronized (this) {
            if (cellRunning || !grown()) {
                return;
            }
            pending = null;
        }
        try {
            collect.run();
        } catch (RuntimeException | OutOfMemoryError e) {
            log.println("rnn-course kernel: the idle collection failed: " + e);
        }
        synchronized (this) {
            baseline = committedBytes.getAsLong();
        }
    }

    /** Stops the timer (the kernel shuts down). */
    public void stop() {
        timer.shutdownNow();
    }
}
