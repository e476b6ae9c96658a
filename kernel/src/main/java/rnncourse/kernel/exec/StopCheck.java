package rnncourse.kernel.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop check that {@link SnippetInstrumenter} puts into every method of cell code, at its
 * entry and before each backward branch: it ends a cell's thread that the kernel has been asked
 * to stop, wherever that thread is in cell code, on every JDK (no {@code Thread.stop}).
 *
 * <p>The check is one read of a volatile flag that is false while no stop is pending, so a
 * running cell pays almost nothing; only while a stop is pending does it look whether the
 * current thread is one to stop, so threads a cell started in the background run on.
 * A stopped thread that catches the {@link CellStoppedError} is stopped again at its next check.
 */
public final class StopCheck {
    /** True while at least one thread is to be stopped; read by every check. */
    private static volatile boolean pending;
    private static final Set<Thread> TO_STOP = ConcurrentHashMap.newKeySet();

    private StopCheck() {
    }

    /**
     * Throws {@link CellStoppedError} if the current thread is to be stopped. Called by cell code
     * (the instrumenter inserts the call); public for that reason only.
     */
    public static void check() {
        if (pending) {
            stopIfRequested();
        }
    }

    private static void stopIfRequested() {
        if (TO_STOP.contains(Thread.currentThread())) {
            throw new CellStoppedError();
        }
    }

    /** Makes every later check on {@code thread} throw, until {@link #release}. */
    static synchronized void stop(Thread thread) {
        TO_STOP.add(thread);
        pending = true;
    }

    /** Forgets {@code thread} (it has ended); checks stay cheap once no thread is to stop. */
    static synchronized void release(Thread thread) {
        TO_STOP.remove(thread);
        pending = !TO_STOP.isEmpty();
    }

    /** @return true if {@code thread} is to be stopped */
    static boolean isStopping(Thread thread) {
        return TO_STOP.contains(thread);
    }
}
