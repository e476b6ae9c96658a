package rnncourse.kernel.magic;

import rnncourse.kernel.exec.CellEvaluator;
import rnncourse.kernel.exec.CellFailure;
import rnncourse.kernel.exec.TraceFormatter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a cell: its parts ({@link CellParser}) in order, Java code through JShell and each
 * magic through its {@link Magic}; the last part's value is the cell's. A magic used wrongly
 * or failing becomes a {@code MagicError}, an unknown one an {@code UnknownMagic} that lists
 * the known magics.
 */
public final class CellRunner {
    private final Magics magics;

    /** @param magics the known magics */
    public CellRunner(Magics magics) {
        this.magics = magics;
    }

    /**
     * @param ev   the evaluator
     * @param code the cell's text
     * @param cell its execution count, for error messages
     * @return the value of its last part, if that is an expression (or a magic with a value)
     * @throws CellFailure if a part fails; the parts after it do not run
     */
    public CellEvaluator.Result run(CellEvaluator ev, String code, int cell) throws CellFailure {
        return runParts(ev, CellParser.parse(code), cell, 0);
    }

    private CellEvaluator.Result runParts(CellEvaluator ev, List<CellPart> parts, int cell, int lineOffset) throws CellFailure {
        CellEvaluator.Result last = CellEvaluator.Result.none();
        for (CellPart part : parts) {
            if (part instanceof CellPart.Code code) {
                last = ev.eval(code.text(), cell, code.firstLine() + lineOffset);
            } else if (part instanceof CellPart.LineMagic magic) {
                last = runMagic(ev, magic.name(), magic.args(), null, cell, magic.line() + lineOffset);
            } else if (part instanceof CellPart.CellMagic magic) {
                last = runMagic(ev, magic.name(), magic.args(), magic.body(), cell, magic.bodyFirstLine() + lineOffset);
            }
        }
        return last;
    }

    private CellEvaluator.Result runMagic(CellEvaluator ev, String name, String args, String body, int cell, int line)
            throws CellFailure {
        Magic magic = magics.find(name).orElse(null);
        String usage = (body == null ? "%" : "%%") + name;
        if (magic == null) {
            throw TraceFormatter.labelled("UnknownMagic", "UnknownMagic: ",
                    "unknown magic " + usage + "; the magics are:\n" + magics.listing());
        }
        try {
            return magic.run(args, body, new Context(ev, cell, line));
        } catch (CellFailure failure) {
            throw failure;
        } catch (MagicException e) {
            throw TraceFormatter.labelled("MagicError", usage + ": ", e.getMessage());
        } catch (Exception e) {
            throw TraceFormatter.labelled("MagicError", usage + " failed: ", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The kernel as a magic on line {@code line} of cell {@code cell} sees it. */
    private final class Context implements MagicContext {
        private final CellEvaluator ev;
        private final int cell;
        private final int line;

        Context(CellEvaluator ev, int cell, int line) {
            this.ev = ev;
            this.cell = cell;
            this.line = line;
        }

        @Override
        public CellEvaluator.Result run(String text, int firstLine) throws CellFailure {
            return runParts(ev, CellParser.parse(text), cell, line + firstLine - 2);
        }

        @Override
        public CellEvaluator.Result runLoaded(String text) throws CellFailure {
            return runParts(ev, CellParser.parse(text), 0, 0);
        }

        @Override
        public void addToClasspath(Path entry) {
            ev.addToClasspath(entry.toAbsolutePath().toString());
        }

        @Override
        public Path workingDirectory() {
            return Path.of("").toAbsolutePath();
        }

        @Override
        public PrintStream out() {
            return System.out;
        }
    }
}
