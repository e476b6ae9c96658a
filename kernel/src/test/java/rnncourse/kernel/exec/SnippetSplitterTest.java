package rnncourse.kernel.exec;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetSplitterTest {
    private static JShell shell;
    private static SnippetSplitter splitter;

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
        splitter = new SnippetSplitter(shell.sourceCodeAnalysis());
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void cutsDeclarationsAndStatementsWithTheirLines() {
        List<SourceSnippet> s = splitter.split("int f(int a) {\n  return a;\n}\n\n\nint x = f(2);\nx * 3", 1);
        assertEquals(3, s.size());
        assertEquals(1, s.get(0).startLine());
        assertTrue(s.get(0).source().startsWith("int f(int a)"));
        assertEquals(6, s.get(1).startLine());
        assertEquals(7, s.get(2).startLine());
        assertFalse(s.get(2).hiddenBySemicolon());
    }

    @Test
    void firstLineOffsetAndTwoSnippetsOnOneLine() {
        List<SourceSnippet> s = splitter.split("int a = 1; int b = 2;", 5);
        assertEquals(2, s.size());
        assertEquals(5, s.get(0).startLine());
        assertEquals(5, s.get(1).startLine());
        assertTrue(s.get(1).hiddenBySemicolon());
    }

    @Test
    void incompleteTailIsKeptForTheCompilerToReport() {
        List<SourceSnippet> s = splitter.split("int a = 1;\nvoid g() {", 1);
        assertEquals(2, s.size());
        assertEquals(2, s.get(1).startLine());
        assertTrue(s.get(1).source().contains("void g()"));
    }

    @Test
    void blankOrCommentOnlyCode() {
        assertEquals(List.of(), splitter.split("   \n\n", 1));
    }
}
