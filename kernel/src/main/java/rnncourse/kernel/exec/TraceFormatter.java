package rnncourse.kernel.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Writes every error the kernel shows in a notebook, and is the only class that knows the ANSI
 * styles of those tracebacks: the headline in bold red, "Caused by" and notes in red, the
 * user's own frames in green, the caret under a compile error in red.
 *
 * <p>Exceptions thrown by user code are told the way a notebook user needs them: the
 * exception's own class and message first, frames in notebook code shown as "cell [3], line 5",
 * library frames kept short, and the kernel's own machinery (reflection, the kernel) left out.
 * The other failures (compile errors, stops, exits, magics, the kernel itself) are one headline,
 * or for compile errors the offending line with a caret.
 */
public final class TraceFormatter {
    /** Library frames shown in a row before the rest of the run is summarised. */
    static final int MAX_LIBRARY_RUN = 6;
    /** Frames shown for each "Caused by". */
    static final int MAX_CAUSE_FRAMES = 8;
    /** Lines kept of a stack overflow's traceback (its frames repeat). */
    static final int MAX_OVERFLOW_LINES = 12;

    private static final String RED = "\u001b[0;31m";
    private static final String BOLD_RED = "\u001b[1;31m";
    private static final String GREEN = "\u001b[0;32m";
    private static final String RESET = "\u001b[0m";

    private final SnippetLocator locator;

    /** @param locator maps snippet ids to cell places */
    public TraceFormatter(SnippetLocator locator) {
        this.locator = locator;
    }

    // ------------------------------------------------------------------ one-line failures

    /**
     * A failure told in one bold line, {@code "name: message"}: a stop, an exit, an unresolved
     * reference.
     *
     * @param name    Jupyter's {@code ename}
     * @param message Jupyter's {@code evalue}
     * @return the failure
     */
    public static CellFailure failure(String name, String message) {
        return new CellFailure(name, message, List.of(headline(name + ": " + message)));
    }

    /**
     * A failure of the kernel itself (JShell did not start or has shut down): the message alone,
     * in bold, named {@code KernelError}.
     *
     * @param message what went wrong and what to do
     * @return the failure
     */
    public static CellFailure kernelError(String message) {
        return new CellFailure("KernelError", message, List.of(headline(message)));
    }

    /**
     * A failure whose label is bold and whose message is not, e.g. {@code "%maven: "} before
     * what was wrong with its use.
     *
     * @param name    Jupyter's {@code ename}
     * @param label   the bold start of the line, separator included
     * @param message the rest of the line, also Jupyter's {@code evalue}
     * @return the failure
     */
    public static CellFailure labelled(String name, String label, String message) {
        return new CellFailure(name, message, List.of(headline(label) + message));
    }

    // ------------------------------------------------------------------ compile errors

    /**
     * One error javac reported in a snippet.
     *
     * @param message javac's message
     * @param start   offset in the snippet's source where the error starts (negative if unknown)
     * @param end     offset where it ends (negative if unknown)
     */
    public record CompileProblem(String message, long start, long end) {
    }

    /**
     * A snippet that does not compile: per error its cell line, javac's message, the source line
     * and a caret under the part javac points at.
     *
     * @param snippet  the snippet
     * @param cell     the cell's execution count (0 for loaded code)
     * @param problems javac's errors, in order; empty if javac gave none
     * @return a {@code CompilationException} whose value is the first message
     */
    public static CellFailure compileError(SourceSnippet snippet, int cell, List<CompileProblem> problems) {
        String source = snippet.source();
        String first = problems.isEmpty() ? "the code does not compile" : problems.get(0).message();
        String[] sourceLines = source.split("\n", -1);
        List<String> lines = new ArrayList<>();
        for (CompileProblem problem : problems) {
            int pos = (int) Math.max(0, problem.start());
            int lineInSnippet = lineOf(source, pos);
            int lineStart = lineStart(source, lineInSnippet);
            lines.add(headline("error") + " (" + place(cell, snippet.startLine() + lineInSnippet) + "): "
                    + problem.message());
            if (lineInSnippet < sourceLines.length) {
                String line = sourceLines[lineInSnippet];
                long width = Math.max(1, Math.min(problem.end(), lineStart + line.length()) - pos);
                lines.add("    " + line);
                lines.add("    " + " ".repeat(Math.max(0, pos - lineStart)) + RED + "^".repeat((int) width) + RESET);
            }
        }
        if (problems.isEmpty()) {
            lines.add(headline(first));
        }
        return new CellFailure("CompilationException", first, lines);
    }

    private static int lineOf(String text, int pos) {
        int line = 0;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineStart(String text, int line) {
        int pos = 0;
        for (int l = 0; l < line; l++) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                return text.length();
            }
            pos = nl + 1;
        }
        return pos;
    }

    // ------------------------------------------------------------------ exceptions from user code

    /**
     * An exception (or error) that user code threw: its traceback, and for an
     * {@code OutOfMemoryError} or {@code StackOverflowError} a note that the kernel survived and
     * what to do.
     *
     * @param error      the user's Throwable, as thrown (names and messages come from it)
     * @param translated JShell's copy of it whose frames name snippets ({@code #12}) and
     *                   snippet lines, or null to use the raw frames
     * @return a failure named by the user's exception class, its message as the value
     */
    public CellFailure thrown(Throwable error, Throwable translated) {
        List<String> lines = format(error, translated);
        if (error instanceof OutOfMemoryError) {
            lines.add(note("The cell ran out of Java heap (max " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB). The kernel is still running; objects held by variables from earlier cells stay in"
                    + " memory (set them to null, or restart the kernel). The heap size is set when the kernel is"
                    + " installed (see kernel/README.md)."));
        } else if (error instanceof StackOverflowError) {
            lines = new ArrayList<>(lines.subList(0, Math.min(lines.size(), MAX_OVERFLOW_LINES)));
            lines.add(note("The stack overflowed: probably a recursion without an end. The kernel is still running."));
        }
        String message = error.getMessage() == null ? "" : error.getMessage();
        return new CellFailure(userClassName(error.getClass().getName()), message, lines);
    }

    /**
     * @param error      the user's Throwable, as thrown (names and messages come from it)
     * @param translated JShell's copy of it whose frames name snippets ({@code #12}) and
     *                   snippet lines, or null to use the raw frames
     * @return traceback lines: the exception and each cause, with their frames
     */
    List<String> format(Throwable error, Throwable translated) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean first = true;
        Throwable frames = translated;
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            lines.add(first ? headline(header(t)) : note("Caused by: " + header(t)));
            StackTraceElement[] stack = frames != null ? frames.getStackTrace() : t.getStackTrace();
            lines.addAll(frames(stack, first ? Integer.MAX_VALUE : MAX_CAUSE_FRAMES));
            first = false;
            frames = frames == null ? null : frames.getCause();
        }
        return lines;
    }

    /** @return "ClassName: message" with JShell's generated class prefixes removed */
    static String header(Throwable t) {
        String name = userClassName(t.getClass().getName());
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    /** Frames up to and including the cell's entry point, library runs shortened. */
    List<String> frames(StackTraceElement[] stack, int limit) {
        List<String> lines = new ArrayList<>();
        int libraryRun = 0;
        int skipped = 0;
        for (StackTraceElement frame : stack) {
            if (lines.size() >= limit) {
                skipped++;
                continue;
            }
            boolean user = isSnippetFrame(frame) || isTranslatedSnippetFrame(frame);
            if (!user && isKernelMachinery(frame)) {
                break; // below the cell's entry point there is only the kernel
            }
            if (user) {
                if (skipped > 0) {
                    lines.add("        ... " + skipped + " more");
                    skipped = 0;
                }
                libraryRun = 0;
                lines.add("    at " + GREEN + describeUserFrame(frame) + RESET);
            } else if (libraryRun++ < MAX_LIBRARY_RUN) {
                lines.add("    at " + frame);
            } else {
                skipped++;
            }
        }
        if (skipped > 0) {
            lines.add("        ... " + skipped + " more");
        }
        return lines;
    }

    private String describeUserFrame(StackTraceElement frame) {
        String method = frame.getMethodName();
        String cls = userClassName(frame.getClassName());
        String file = frame.getFileName();
        String where = file;
        if (file != null && file.startsWith("#")) {
            SnippetLocator.CellPlace place = locator.locate(file.substring(1));
            int line = frame.getLineNumber();
            if (place != null && line > 0) {
                where = place(place.cell(), place.startLine() + line - 1);
            } else if (place != null) {
                where = cellName(place.cell());
            }
        }
        String what = "do_it$".equals(method) || method.isEmpty() ? "cell code" : (cls.isEmpty() ? method : cls + "." + method);
        return what + " (" + where + ")";
    }

    /** @return "cell [3], line 5", or "loaded code, line 5" for code that %load ran */
    private static String place(int cell, int line) {
        return cellName(cell) + ", line " + line;
    }

    private static String cellName(int cell) {
        return cell > 0 ? "cell [" + cell + "]" : "loaded code";
    }

    /** A frame JShell already mapped to a snippet: its file name is the snippet id, {@code #12}. */
    static boolean isTranslatedSnippetFrame(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    /** A frame of code written in a notebook cell (JShell compiles it into package REPL). */
    static boolean isSnippetFrame(StackTraceElement frame) {
        return frame.getClassName().startsWith("REPL.");
    }

    /** Frames of the machinery that invoked the cell: reflection and the kernel itself. */
    static boolean isKernelMachinery(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.startsWith("rnncourse.kernel.exec.")
                || cls.startsWith("jdk.internal.reflect.")
                || cls.startsWith("java.lang.reflect.Method")
                || cls.startsWith("jdk.jshell.");
    }

    /**
     * JShell wraps each snippet in a class like {@code REPL.$JShell$12$Point}; the user wrote
     * {@code Point}. Top-level wrapper classes ({@code REPL.$JShell$12}) map to "".
     *
     * @param className a binary class name
     * @return the name as the user knows it
     */
    public static String userClassName(String className) {
        if (!className.startsWith("REPL.$JShell$")) {
            return className;
        }
        String rest = className.substring("REPL.$JShell$".length());
        int dollar = rest.indexOf('$');
        return dollar < 0 ? "" : rest.substring(dollar + 1).replace('$', '.');
    }

    // ------------------------------------------------------------------ the styles

    /** The first line of a failure: bold red. */
    private static String headline(String text) {
        return BOLD_RED + text + RESET;
    }

    /** A "Caused by" line or a note after the frames: red. */
    private static String note(String text) {
        return RED + text + RESET;
    }
}
