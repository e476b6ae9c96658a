package rnncourse.kernel.exec;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop check that {@link SnippetInstrumenter} puts into every method of cell code, at its
 * entry and before each backward branch: it ends a cell's thread that the kernel has been asked
 * to stop, wherever that thread is in cell code, on every JDK (no {@code Thread.stop}).
 *
 * <p>Each check is an {@code invokedynamic} linked to one shared {@link MutableCallSite}. While
 * no stop is pending its target does nothing, and the JIT compiles it to nothing: a loop in a
 * cell runs, and vectorises, as written. (A volatile flag read at each check, as JShell's own
 * engine does, kept the JIT from vectorising loops: bench/RESULTS.md has the measurements.)
 * {@link #stop} switches the target to {@link #check()}, a volatile flag read plus a look whether
 * the current thread is one to stop; the JVM then deoptimises the compiled cell code, running
 * loops included, so every thread in cell code takes the new target at its next check. Threads a
 * cell started in the background are not stopped, and once no stop is pending the target does
 * nothing again. A stopped thread that catches the {@link CellStoppedError} is stopped again at
 * its next check.
 */
public final class StopCheck {
    private static final MethodHandle NOTHING = MethodHandles.empty(MethodType.methodType(void.class));
    private static final MethodHandle CHECK;
    private static final MutableCallSite SITE = new MutableCallSite(NOTHING);
    /** True while at least one thread is to be stopped. */
    private static volatile boolean pending;
    private static final Set<Thread> TO_STOP = ConcurrentHashMap.newKeySet();

    static {
        try {
            CHECK = MethodHandles.lookup().findStatic(StopCheck.class, "check", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StopCheck() {
    }

    /**
     * Links an {@code invokedynamic} stop check in cell code; public for that reason only.
     *
     * @param caller the class of the cell code
     * @param name   the call's name (unused)
     * @param type   {@code ()void}
     * @return the one call site all stop checks share
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) {
        return SITE;
    }

    /**
     * Throws {@link CellStoppedError} if the current thread is to be stopped: the call site's
     * target while a stop is pending; public so the call site can reach it.
     */
    public static void check() {
        if (pending && TO_STOP.contains(Thread.currentThread())) {
            throw new CellStoppedError();
        }
    }

    /** Makes every later check on {@code thread} throw, until {@link #release}. */
    static synchronized void stop(Thread thread) {
        TO_STOP.add(thread);
        if (!pending) {
            pending = true;
            retarget(CHECK);
        }
    }

    /** Forgets {@code thread} (it has ended); once no thread is to stop, checks do nothing again. */
    static synchronized void release(Thread thread) {
        if (TO_STOP.remove(thread) && TO_STOP.isEmpty()) {
            pending = false;
            retarget(NOTHING);
        }
    }

    /** @return true if {@code thread} is to be stopped */
    static boolean isStopping(Thread thread) {
        return TO_STOP.contains(thread);
    }

    private static void retarget(MethodHandle target) {
        SITE.setTarget(target);
        MutableCallSite.syncAll(new MutableCallSite[]{SITE});
    }
}
