package rnncourse.kernel.exec;

import java.security.Permission;

/**
 * Keeps {@code System.exit} in a notebook cell from killing the kernel. On JDK 17 the only
 * hook for this is a SecurityManager (the JVM must run with
 * {@code -Djava.security.manager=allow}); this one permits everything except an exit
 * requested from a cell's thread (or a thread a cell started), which it turns into a
 * {@link CellExitException} the cell reports like any other error.
 */
public final class ExitGuard extends SecurityManager {

    /** Thrown in the cell that called {@code System.exit}. */
    public static final class CellExitException extends SecurityException {
        private final int status;

        CellExitException(int status) {
            super("System.exit(" + status + ") was called from a cell; the kernel keeps running"
                    + " (use the notebook's 'Restart kernel' to start afresh)");
            this.status = status;
        }

        /** @return the exit status the cell asked for */
        public int status() {
            return status;
        }
    }

    /**
     * Installs the guard.
     *
     * @return false if this JVM refuses a SecurityManager (no {@code -Djava.security.manager=allow}
     *         on a JDK that requires it), in which case {@code System.exit} is not intercepted
     */
    public static boolean install() {
        try {
            System.setSecurityManager(new ExitGuard());
            return true;
        } catch (UnsupportedOperationException | SecurityException refused) {
            return false;
        }
    }

    @Override
    public void checkExit(int status) {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        if (group != null && CellExecutionControl.CELL_THREADS.parentOf(group)) {
            throw new CellExitException(status);
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // Everything else is allowed: the guard exists only for checkExit.
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
    }
}
