package rnncourse.kernel.magic;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rnncourse.kernel.exec.CellEvaluator;
import rnncourse.kernel.exec.CellFailure;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cell's code and magics run in order, through one JShell; magic failures become errors that name the magic. */
class CellRunnerTest {
    private static CellEvaluator evaluator;
    private static CellRunner cells;

    @BeforeAll
    static void start() {
        evaluator = new CellEvaluator(System.getProperty("java.class.path"), List.of(), -1, System.out, System.err);
        Magics magics = new Magics();
        magics.register(new TimeMagic());
        magics.register(new Magic() {
            @Override
            public String name() {
                return "boom";
            }

            @Override
            public String summary() {
                return "%boom: always fails";
            }

            @Override
            public CellEvaluator.Result run(String args, String body, MagicContext ctx) {
                throw new IllegalStateException("went off");
            }
        });
        cells = new CellRunner(magics);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static String plain(List<String> lines) {
        return String.join("\n", lines).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void codeAndLineMagicsRunInOrderAndTheLastValueIsTheCells() throws Exception {
        assertEquals(42, cells.run(evaluator, "int base = 40;\n%time base += 1;\nbase + 1", 1).value());
        assertEquals(7, cells.run(evaluator, "%time 3 + 4", 2).value());
    }

    @Test
    void anErrorInsideACellMagicNamesTheCellLine() {
        CellFailure f = assertThrows(CellFailure.class, () -> cells.run(evaluator, "%%time\nint fine = 1;\nint bad = \"x\";", 5));
        assertEquals("CompilationException", f.errorName());
        assertTrue(plain(f.traceback()).startsWith("error (cell [5], line 3): "), plain(f.traceback()));
    }

    @Test
    void unknownMagicListsTheKnownOnes() {
        CellFailure f = assertThrows(CellFailure.class, () -> cells.run(evaluator, "%frobnicate now", 3));
        assertEquals("UnknownMagic", f.errorName());
        assertEquals("unknown magic %frobnicate; the magics are:\n  %boom  %boom: always fails\n"
                + "  %time  %time CODE or %%time: run the code and print the wall time it took\n", f.errorValue());
        assertEquals("UnknownMagic: " + f.errorValue(), plain(f.traceback()));
    }

    @Test
    void aMagicUsedWronglyOrFailingIsAMagicError() {
        CellFailure wrong = assertThrows(CellFailure.class, () -> cells.run(evaluator, "%time", 4));
        assertEquals("MagicError", wrong.errorName());
        assertEquals("%time: " + wrong.errorValue(), plain(wrong.traceback()));
        assertTrue(wrong.errorValue().startsWith("%time needs code to time"), wrong.errorValue());

        CellFailure failed = assertThrows(CellFailure.class, () -> cells.run(evaluator, "%%boom\nanything", 4));
        assertEquals("MagicError", failed.errorName());
        assertEquals("IllegalStateException: went off", failed.errorValue());
        assertEquals("%%boom failed: IllegalStateException: went off", plain(failed.traceback()));
    }

    @Test
    void partsAfterAFailureDoNotRun() throws Exception {
        assertThrows(CellFailure.class, () -> cells.run(evaluator, "int after = 0;\n%boom\nafter = 1;", 6));
        assertEquals(0, cells.run(evaluator, "after", 7).value());
    }
}
