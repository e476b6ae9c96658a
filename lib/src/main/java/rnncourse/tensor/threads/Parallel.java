package rnncourse.tensor.threads;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Two-way parallel sections on the library's one helper thread: {@link #run} runs one task on
 * the helper and one on the caller and returns when both are done.
 *
 * <p>Why a thread of our own: OpenBLAS runs single-threaded (its own pool spins while it waits
 * and, on two cores, fought with everything else), so the library splits its work in two
 * itself — large products by rows, columns or k ({@code tensor.gemm.GemmPlan}), a recurrent layer's time loop by
 * halves of the batch, the loss by rows. A training step of the course's small models has dozens
 * of such sections, some very short, so handing work over must cost far less than the work:
 * waking a parked thread (what an {@code ExecutorService} does) costs about as much as such a
 * section (bench/RESULTS.md), and the caller then often ran both halves itself. So the helper, after each task, keeps polling for
 * the next one for a short while ({@value #DEFAULT_SPIN_MICROS} µs by default,
 * {@code -Drnncourse.parallel.spinMicros}) before it parks; within a training step it is therefore
 * always ready, between cells it sleeps.
 *
 * <p>The helper only takes a task it can start at once: if the caller finishes its own half
 * before the helper picked the other up (a busy machine, one core free), the caller runs that
 * too rather than wait. Sections do not nest: a {@code run} inside another, or while another
 * thread has one running, runs its two tasks one after the other. {@code -Drnncourse.parallel=false}
 * or a single-core machine does the same everywhere.
 *
 * <p>The rule for callers: where work is cut must depend on the work's shape only, never on
 * {@link #available()} or the number of cores. A float sum cut in two and added rounds differently
 * from the same sum in one piece, and a half-size product may take another BLAS path; cut by
 * shape, one core computes the same halves in turn and the results are the same bits on 1, 2 or
 * 64 cores ({@code CoreCountReproducibilityTest}).
 */
public final class Parallel {
    private static final int DEFAULT_SPIN_MICROS = 300;
    private static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("rnncourse.parallel", "true"))
            && Runtime.getRuntime().availableProcessors() >= 2;
    private static final long SPIN_NANOS = Long.getLong("rnncourse.parallel.spinMicros", DEFAULT_SPIN_MICROS) * 1000L;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static final AtomicReference<Task> PENDING = new AtomicReference<>();
    private static volatile boolean helperParked;
    private static Thread helper;

    private Parallel() {
    }

    /** One handed-over task: whoever claims it first runs it. */
    private static final class Task {
        final Runnable body;
        final AtomicBoolean claimed = new AtomicBoolean();
        /** Written before {@link #done}. */
        Throwable failure;
        volatile boolean done;

        Task(Runnable body) {
            this.body = body;
        }
    }

    /** True when {@link #run} really runs its tasks at the same time. */
    public static boolean available() {
        return ENABLED;
    }

    /**
     * Runs two independent tasks at the same time, {@code first} on the helper thread and
     * {@code second} on the calling thread, and returns when both are done, rethrowing what either
     * threw (the caller's failure first; {@code first} is skipped if {@code second} failed before the
     * helper started it).
     *
     * @param first  a task for the helper thread
     * @param second a task for the calling thread
     */
    public static void run(Runnable first, Runnable second) {
        if (!ENABLED || !BUSY.compareAndSet(false, true)) {
            first.run();
            second.run();
            return;
        }
        try {
            Task task = new Task(first);
            offer(task);
            Throwable failure = null;
            try {
                second.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (task.claimed.compareAndSet(false, true)) {
                // the helper did not get to it: withdraw it and, unless `second` failed, run it here
                PENDING.compareAndSet(task, null);
                if (failure == null) {
                    first.run();
                }
            } else {
                awaitDone(task);
                failure = failure == null ? task.failure : failure;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            } else if (failure instanceof Error err) {
                throw err;
            } else if (failure != null) {
                throw new IllegalStateException("parallel task failed", failure);
            }
        } finally {
            BUSY.set(false);
        }
    }

    private static void offer(Task task) {
        startHelper();
        PENDING.set(task);
        if (helperParked) {
            LockSupport.unpark(helper);
        }
    }

    /** The helper runs a half of the same size as ours: poll, then give the core away while waiting. */
    private static void awaitDone(Task task) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (!task.done) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private static synchronized void startHelper() {
        if (helper == null) {
            Thread t = new Thread(Parallel::helperLoop, "rnncourse-parallel");
            t.setDaemon(true);
            helper = t;
            t.start();
        }
    }

    private static void helperLoop() {
        while (true) {
            Task task = next();
            if (task.claimed.compareAndSet(false, true)) {
                try {
                    task.body.run();
                } catch (Throwable e) {
                    task.failure = e;
                } finally {
                    task.done = true;
                }
            }
        }
    }

    /** Waits for the next task: polls for {@link #SPIN_NANOS}, then parks until {@link #offer} wakes it. */
    private static Task next() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (true) {
            Task task = PENDING.getAndSet(null);
            if (task != null) {
                return task;
            }
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
                continue;
            }
            // announce the park before the last look, so an offer after that look unparks us
            helperParked = true;
            task = PENDING.getAndSet(null);
            if (task == null) {
                LockSupport.park(Parallel.class);
            }
            helperParked = false;
            if (task != null) {
                return task;
            }
            spinUntil = System.nanoTime() + SPIN_NANOS;
        }
    }
}
