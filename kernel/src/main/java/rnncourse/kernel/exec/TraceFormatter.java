package rnncourse.kernel.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Formats a Throwable thrown by user code the way a notebook user needs it: the exception's
 * own class and message first, frames in notebook code shown as "cell [3], line 5", library
 * frames kept short, and the kernel's own machinery (reflection, the kernel) left out.
 */
public final class TraceFormatter {
    /** Library frames shown in a row before the rest of the run is summarised. */
    static final int MAX_LIBRARY_RUN = 6;
    /** Frames shown for each "Caused by". */
    static final int MAX_CAUSE_FRAMES = 8;

    public static final String RED = "\u001b[0;31m";
    public static final String BOLD_RED = "\u001b[1;31m";
    public static final String GREEN = "\u001b[0;32m";
    public static final String RESET = "\u001b[0m";

    private final SnippetLocator locator;

    /** @param locator maps snippet ids to cell places */
    public TraceFormatter(SnippetLocator locator) {
        this.locator = locator;
    }

    /**
     * @param error      the user's Throwable, as thrown (names and messages come from it)
     * @param translated JShell's copy of it whose frames name snippets ({@code #12}) and
     *                   snippet lines, or null to use the raw frames
     * @return traceback lines
     */
    public List<String> format(Throwable error, Throwable translated) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean first = true;
        Throwable frames = translated;
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            lines.add((first ? BOLD_RED : RED + "Caused by: ") + header(t) + RESET);
            StackTraceElement[] stack = frames != null ? frames.getStackTrace() : t.getStackTrace();
            lines.addAll(frames(stack, first ? Integer.MAX_VALUE : MAX_CAUSE_FRAMES));
            first = false;
            frames = frames == null ? null : frames.getCause();
        }
        return lines;
    }

    /** @return "ClassName: message" with JShell's generated class prefixes removed */
    public static String header(Throwable t) {
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
                String cell = place.cell() > 0 ? "cell [" + place.cell() + "]" : "loaded code";
                where = cell + ", line " + (place.startLine() + line - 1);
            } else if (place != null) {
                where = place.cell() > 0 ? "cell [" + place.cell() + "]" : "loaded code";
            }
        }
        String what = "do_it$".equals(method) || method.isEmpty() ? "cell code" : (cls.isEmpty() ? method : cls + "." + method);
        return what + " (" + where + ")";
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
}
