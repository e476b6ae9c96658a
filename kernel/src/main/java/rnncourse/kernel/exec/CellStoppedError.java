package rnncourse.kernel.exec;

/**
 * Thrown by {@link StopCheck} in a cell the kernel stops (interrupt or timeout). An Error, so the
 * usual {@code catch (Exception e)} in cell code does not swallow it; without a stack trace,
 * since the kernel reports the stop, not where the cell was.
 */
public final class CellStoppedError extends Error {
    private static final long serialVersionUID = 1L;

    CellStoppedError() {
        super("the cell was stopped", null, false, false);
    }
}
