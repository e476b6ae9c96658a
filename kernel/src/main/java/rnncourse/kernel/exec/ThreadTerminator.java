package rnncourse.kernel.exec;

/**
 * The one place that forcibly ends a cell's thread. A CPU loop that never checks
 * {@link Thread#interrupted()} can only be stopped by {@code Thread.stop()}, which works on
 * JDK 17 but throws {@link UnsupportedOperationException} from JDK 20 on; keeping it behind
 * this seam lets another strategy replace it without touching the rest of the kernel.
 */
public interface ThreadTerminator {

    /**
     * Tries to end {@code thread} at once.
     *
     * @param thread the cell thread that ignored its interrupt
     * @return true if a stop was delivered, false if this JVM cannot force a thread to stop
     */
    boolean terminate(Thread thread);

    /** @return the strategy for this JVM: {@code Thread.stop()} where it still works */
    static ThreadTerminator forThisJvm() {
        return new ThreadStopTerminator();
    }

    /** Uses the deprecated {@code Thread.stop()}, which raises ThreadDeath in the target. */
    final class ThreadStopTerminator implements ThreadTerminator {
        @Override
        @SuppressWarnings({"deprecation", "removal"})
        public boolean terminate(Thread thread) {
            try {
                thread.stop();
                return true;
            } catch (UnsupportedOperationException notOnThisJdk) {
                return false;
            }
        }
    }
}
