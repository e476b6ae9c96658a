package rnncourse.kernel.magic;

import rnncourse.kernel.exec.CellEvaluator;

/** A {@code %name} (line) or {@code %%name} (cell) command. */
public interface Magic {

    /** @return the name used after {@code %} */
    String name();

    /** @return one line saying what it does, for the error listing known magics */
    String summary();

    /**
     * Runs the magic.
     *
     * @param args the text after the name on its line
     * @param body for a cell magic, the rest of the cell; null for a line magic
     * @param ctx  the kernel
     * @return a value to show as the cell's result, or {@link CellEvaluator.Result#none()}
     * @throws Exception with a message naming what was wrong
     */
    CellEvaluator.Result run(String args, String body, MagicContext ctx) throws Exception;
}
