package rnncourse.kernel.exec;

/** Maps a JShell snippet id (as in a stack frame's file name {@code #12}) to a place in a cell. */
@FunctionalInterface
public interface SnippetLocator {

    /**
     * @param snippetId the JShell snippet id
     * @return where the snippet came from, or null if unknown (e.g. a start-up script)
     */
    CellPlace locate(String snippetId);

    /**
     * Where a snippet sits.
     *
     * @param cell      the execution count of the cell ("[3]"), or 0 for code loaded by %load
     * @param startLine the cell line the snippet starts on (1-based)
     */
    record CellPlace(int cell, int startLine) {
    }
}
