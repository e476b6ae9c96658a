package rnncourse.kernel.exec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceFormatterTest {
    private static String plain(List<String> lines) {
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
    void translatedFramesNameCellAndLine() {
        SnippetLocator locator = id -> id.equals("7") ? new SnippetLocator.CellPlace(4, 3) : null;
        RuntimeException error = new RuntimeException("boom");
        RuntimeException translated = new RuntimeException("boom");
        translated.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 10),
                new StackTraceElement("", "helper", "#7", 2),
                new StackTraceElement("", "", "#7", 5)});
        String text = plain(new TraceFormatter(locator).format(error, translated));
        assertTrue(text.startsWith("java.lang.RuntimeException: boom"), text);
        assertTrue(text.contains("at java.util.Objects.requireNonNull(Objects.java:10)"), text);
        assertTrue(text.contains("at helper (cell [4], line 4)"), text);
        assertTrue(text.contains("at cell code (cell [4], line 7)"), text);
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
        String text = plain(new TraceFormatter(id -> null).format(error, null));
        assertTrue(text.contains("... 9 more"), text);
        assertTrue(text.contains("cell code"), text);
        assertFalse(text.contains("jdk.internal.reflect"), text);
        assertFalse(text.contains("rnncourse.kernel"), text);
        assertFalse(text.contains("Thread.run"), text);
    }
}
