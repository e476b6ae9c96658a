package rnncourse.kernel.exec;

import java.util.List;

/**
 * A cell that did not finish normally, ready to report in Jupyter's terms.
 */
public final class CellFailure extends Exception {
    private final String errorName;
    private final String errorValue;
    private final List<String> traceback;

    /**
     * @param errorName  the error's name, e.g. the user's exception class
     * @param errorValue its message
     * @param traceback  the lines shown to the user (may contain ANSI colours)
     */
    public CellFailure(String errorName, String errorValue, List<String> traceback) {
        super(errorName + ": " + errorValue, null, false, false);
        this.errorName = errorName;
        this.errorValue = errorValue;
        this.traceback = List.copyOf(traceback);
    }

    /** @return the error's name (Jupyter's {@code ename}) */
    public String errorName() {
        return errorName;
    }

    /** @return the error's message (Jupyter's {@code evalue}) */
    public String errorValue() {
        return errorValue;
    }

    /** @return the traceback lines */
    public List<String> traceback() {
        return traceback;
    }
}
