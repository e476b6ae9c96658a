package rnncourse.kernel.exec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every traceback the kernel shows: as styled lines (what Jupyter gets) and as the plain text a student reads. */
class TraceFormatterTest {
    private static final String BOLD_RED = "\u001b[1;31m";
    private static final String RED = "\u001b[0;31m";
    private static final String GREEN = "\u001b[0;32m";
    private static final String RESET = "\u001b[0m";

    /** The traceback as a student reads it: ANSI styles removed. */
    static String plain(List<String> lines) {
        return String.join("\n", lines).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void userClassNames() {
        assertEquals("Point", TraceFormatter.userClassName("REPL.$JShell$12$Point"));
        assertEquals("Outer.Inner", TraceFormatter.userClassName("REPL.$JShell$3$Outer$Inner"));
        assertEquals("", TraceFormatter.userClassName("REPL.$JShell$12"));
        assertEquals("java.lang.String", TraceFormatter.userClassName("java.lang.String"));
    }

    @Test
    void oneLineFailureIsBoldNameAndMessage() {
        CellFailure f = TraceFormatter.failure("TimeoutException", "the cell ran too long");
        assertEquals("TimeoutException", f.errorName());
        assertEquals("the cell ran too long", f.errorValue());
        assertEquals(List.of(BOLD_RED + "TimeoutException: the cell ran too long" + RESET), f.traceback());
        assertEquals("TimeoutException: the cell ran too long", plain(f.traceback()));
    }

    @Test
    void kernelErrorShowsTheMessageAlone() {
        CellFailure f = TraceFormatter.kernelError("the Java engine has shut down; restart the kernel");
        assertEquals("KernelError", f.errorName());
        assertEquals("the Java engine has shut down; restart the kernel", f.errorValue());
        assertEquals(List.of(BOLD_RED + "the Java engine has shut down; restart the kernel" + RESET), f.traceback());
    }

    @Test
    void labelledFailureStylesOnlyTheLabel() {
        CellFailure f = TraceFormatter.labelled("MagicError", "%load: ", "no file 'x.jsh'");
        assertEquals("MagicError", f.errorName());
        assertEquals("no file 'x.jsh'", f.errorValue());
        assertEquals(List.of(BOLD_RED + "%load: " + RESET + "no file 'x.jsh'"), f.traceback());
        assertEquals("%load: no file 'x.jsh'", plain(f.traceback()));
    }

    @Test
    void compileErrorPointsACaretAtTheCellLine() {
        // "int x = \"no\";" on the snippet's second line, which is line 6 of cell [3]
        SourceSnippet snippet = new SourceSnippet("int ok = 1;\nint x = \"no\";", 5, true);
        int start = snippet.source().indexOf('"');
        CellFailure f = TraceFormatter.compileError(snippet, 3, List.of(
                new TraceFormatter.CompileProblem("incompatible types", start, start + 4)));
        assertEquals("CompilationException", f.errorName());
        assertEquals("incompatible types", f.errorValue());
        assertEquals(List.of(
                BOLD_RED + "error" + RESET + " (cell [3], line 6): incompatible types",
                "    int x = \"no\";",
                "            " + RED + "^^^^" + RESET), f.traceback());
        assertEquals("error (cell [3], line 6): incompatible types\n    int x = \"no\";\n            ^^^^",
                plain(f.traceback()));
    }

    @Test
    void compileErrorWithoutAnEndGetsOneCaretAndLoadedCodeHasNoCell() {
        SourceSnippet snippet = new SourceSnippet("foo(", 1, false);
        CellFailure f = TraceFormatter.compileError(snippet, 0, List.of(
                new TraceFormatter.CompileProblem("')' expected", 4, -1)));
        assertEquals("error (loaded code, line 1): ')' expected\n    foo(\n        ^", plain(f.traceback()));
    }

    @Test
    void compileErrorWithoutDiagnosticsSaysSo() {
        CellFailure f = TraceFormatter.compileError(new SourceSnippet("x", 1, false), 1, List.of());
        assertEquals("the code does not compile", f.errorValue());
        assertEquals(List.of(BOLD_RED + "the code does not compile" + RESET), f.traceback());
    }

    @Test
    void translatedFramesNameCellAndLine() {
        SnippetLocator locator = id -> id.equals("7") ? new SnippetLocator.CellPlace(4, 3) : null;
        RuntimeException error = new RuntimeException("boom");
        RuntimeException translated = new RuntimeException("boom");
        translated.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 10),
                new StackTraceElement("", "helper", "#7", 2),
                new StackTraceElement("", "", "#7", 5)});
        CellFailure f = new TraceFormatter(locator).thrown(error, translated);
        assertEquals("java.lang.RuntimeException", f.errorName());
        assertEquals("boom", f.errorValue());
        assertEquals(List.of(
                BOLD_RED + "java.lang.RuntimeException: boom" + RESET,
                "    at java.util.Objects.requireNonNull(Objects.java:10)",
                "    at " + GREEN + "helper (cell [4], line 4)" + RESET,
                "    at " + GREEN + "cell code (cell [4], line 7)" + RESET), f.traceback());
    }

    @Test
    void causesAreRedAndUserClassesKeepTheirOwnNames() {
        IllegalStateException cause = new IllegalStateException("inner");
        cause.setStackTrace(new StackTraceElement[]{new StackTraceElement("REPL.$JShell$5$Point", "x", "#5", 1)});
        RuntimeException error = new RuntimeException("outer", cause);
        error.setStackTrace(new StackTraceElement[0]);
        CellFailure f = new TraceFormatter(id -> new SnippetLocator.CellPlace(2, 1)).thrown(error, null);
        assertEquals(List.of(
                BOLD_RED + "java.lang.RuntimeException: outer" + RESET,
                RED + "Caused by: java.lang.IllegalStateException: inner" + RESET,
                "    at " + GREEN + "Point.x (cell [2], line 1)" + RESET), f.traceback());
    }

    @Test
    void longLibraryRunsAreShortenedAndKernelFramesDropped() {
        StackTraceElement[] stack = new StackTraceElement[20];
        for (int i = 0; i < 15; i++) {
            stack[i] = new StackTraceElement("org.lib.Deep", "m" + i, "Deep.java", i + 1);
        }
        stack[15] = new StackTraceElement("REPL.$JShell$9", "do_it$", "$JShell$9.java", 4);
        stack[16] = new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2);
        stack[17] = new StackTraceElement("java.lang.reflect.Method", "invoke", "Method.java", 568);
        stack[18] = new StackTraceElement("rnncourse.kernel.exec.CellExecutionControl", "lambda$invoke$0", "X.java", 1);
        stack[19] = new StackTraceElement("java.lang.Thread", "run", "Thread.java", 833);
        IllegalStateException error = new IllegalStateException("deep");
        error.setStackTrace(stack);
        String text = plain(new TraceFormatter(id -> null).thrown(error, null).traceback());
        assertTrue(text.contains("... 9 more"), text);
        assertTrue(text.contains("cell code"), text);
        assertFalse(text.contains("jdk.internal.reflect"), text);
        assertFalse(text.contains("rnncourse.kernel"), text);
        assertFalse(text.contains("Thread.run"), text);
    }

    @Test
    void outOfMemoryEndsWithARedNote() {
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        error.setStackTrace(new StackTraceElement[0]);
        List<String> lines = new TraceFormatter(id -> null).thrown(error, null).traceback();
        assertEquals(BOLD_RED + "java.lang.OutOfMemoryError: Java heap space" + RESET, lines.get(0));
        String note = lines.get(lines.size() - 1);
        assertTrue(note.startsWith(RED + "The cell ran out of Java heap (max ") && note.endsWith(RESET), note);
        assertTrue(note.contains("The kernel is still running"), note);
    }

    @Test
    void stackOverflowIsCutShortWithANote() {
        StackTraceElement[] stack = new StackTraceElement[500];
        for (int i = 0; i < stack.length; i++) {
            stack[i] = new StackTraceElement("", "deep", "#3", 1);
        }
        StackOverflowError error = new StackOverflowError();
        error.setStackTrace(stack);
        CellFailure f = new TraceFormatter(id -> new SnippetLocator.CellPlace(1, 1)).thrown(error, null);
        assertEquals("", f.errorValue());
        assertEquals(TraceFormatter.MAX_OVERFLOW_LINES + 1, f.traceback().size());
        assertEquals(RED + "The stack overflowed: probably a recursion without an end. The kernel is still running."
                + RESET, f.traceback().get(TraceFormatter.MAX_OVERFLOW_LINES));
    }
}
