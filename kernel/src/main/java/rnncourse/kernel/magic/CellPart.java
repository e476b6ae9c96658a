package rnncourse.kernel.magic;

/** A piece of a cell: Java code, a {@code %line} magic or a {@code %%cell} magic. */
public sealed interface CellPart {

    /**
     * Java code.
     *
     * @param text      the code
     * @param firstLine the cell line it starts on (1-based)
     */
    record Code(String text, int firstLine) implements CellPart {
    }

    /**
     * A line such as {@code %maven org.knowm.xchart:xchart:3.8.8}.
     *
     * @param name magic name without {@code %}
     * @param args the rest of the line, trimmed
     * @param line the cell line (1-based)
     */
    record LineMagic(String name, String args, int line) implements CellPart {
    }

    /**
     * A cell starting with {@code %%name args}.
     *
     * @param name          magic name without {@code %%}
     * @param args          the rest of the first line, trimmed
     * @param body          the remaining lines
     * @param bodyFirstLine the cell line the body starts on
     */
    record CellMagic(String name, String args, String body, int bodyFirstLine) implements CellPart {
    }
}
