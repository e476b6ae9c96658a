package rnncourse.kernel.exec;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} become in cell code:
 * {@link SnippetInstrumenter} redirects those calls here, so they end the cell with a
 * {@code SystemExit} error instead of the kernel's JVM. Needs no SecurityManager (gone from JDK 24).
 *
 * <p>The methods are public because rewritten cell code calls them; nothing else should.
 */
public final class ExitRedirect {
    private static volatile Consumer<CellExitException> listener = exit -> { };

    private ExitRedirect() {
    }

    /** Thrown in the thread that asked to exit; reported as {@code SystemExit} in the cell. */
    public static final class CellExitException extends Error {
        private static final long serialVersionUID = 1L;
        private final int status;

        CellExitException(String call, int status) {
            super(call + "(" + status + ") was called from a cell; the kernel keeps running"
                    + " (use the notebook's 'Restart kernel' to start afresh)", null, false, false);
            this.status = status;
        }

        /** @return the exit status the cell asked for */
        public int status() {
            return status;
        }
    }

    /**
     * Tells the kernel about every exit request, before it is thrown, so it can end the running
     * cell even when the request came from a thread the cell started.
     *
     * @param onExit called on the requesting thread
     */
    static void listen(Consumer<CellExitException> onExit) {
        listener = onExit;
    }

    /**
     * Replaces {@code System.exit(status)}.
     *
     * @param status the exit status asked for
     */
    public static void systemExit(int status) {
        throw request("System.exit", status);
    }

    /**
     * Replaces {@code runtime.exit(status)}.
     *
     * @param runtime the receiver of the original call (null-checked like the original)
     * @param status  the exit status asked for
     */
    public static void runtimeExit(Runtime runtime, int status) {
        Objects.requireNonNull(runtime);
        throw request("Runtime.exit", status);
    }

    /**
     * Replaces {@code runtime.halt(status)}.
     *
     * @param runtime the receiver of the original call (null-checked like the original)
     * @param status  the exit status asked for
     */
    public static void runtimeHalt(Runtime runtime, int status) {
        Objects.requireNonNull(runtime);
        throw request("Runtime.halt", status);
    }

    private static CellExitException request(String call, int status) {
        CellExitException exit = new CellExitException(call, status);
        listener.accept(exit);
        return exit;
    }
}
