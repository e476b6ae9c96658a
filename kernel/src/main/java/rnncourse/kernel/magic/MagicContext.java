package rnncourse.kernel.magic;

import rnncourse.kernel.exec.CellEvaluator;
import rnncourse.kernel.exec.CellFailure;

import java.io.PrintStream;
import java.nio.file.Path;

/** What a magic may do to the kernel. */
public interface MagicContext {

    /**
     * Runs a piece of cell text (code and magics) as if it were in the cell.
     *
     * @param text      the text
     * @param firstLine the cell line it starts on
     * @return the value of its last expression, if any
     * @throws CellFailure if it fails
     */
    CellEvaluator.Result run(String text, int firstLine) throws CellFailure;

    /**
     * Runs text loaded from elsewhere (a file, another notebook); errors name no cell.
     *
     * @param text the text
     * @return the value of its last expression, if any
     * @throws CellFailure if it fails
     */
    CellEvaluator.Result runLoaded(String text) throws CellFailure;

    /** @param entry a jar or class directory to add to the class path of later code */
    void addToClasspath(Path entry);

    /** @return the directory relative paths are resolved against (the notebook's) */
    Path workingDirectory();

    /** @return where a magic prints for the user */
    PrintStream out();
}
