package rnncourse.kernel.exec;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a cell into the snippets JShell evaluates one at a time (a cell may declare a class,
 * then a method, then run statements), remembering where each starts so errors can name
 * the cell line.
 */
public final class SnippetSplitter {
    private final SourceCodeAnalysis analysis;

    /** @param analysis JShell's source analysis */
    public SnippetSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * @param code      the code, possibly several snippets
     * @param firstLine the 1-based line {@code code} starts on within its cell
     * @return its snippets in order; an incomplete or malformed tail becomes the last snippet
     *         so that evaluating it reports the compiler's error
     */
    public List<SourceSnippet> split(String code, int firstLine) {
        List<SourceSnippet> snippets = new ArrayList<>();
        String rest = code;
        int consumedLines = 0;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            String remaining = completeness.isComplete() || completeness == Completeness.UNKNOWN
                    ? info.remaining() : "";
            int consumed = rest.length() - remaining.length();
            String segment = rest.substring(0, consumed);
            String source = completeness.isComplete() && info.source() != null ? info.source() : segment;
            if (!source.isBlank()) {
                // Blank lines before the snippet are dropped so that JShell's line 1 is the
                // snippet's first cell line (comments stay: they are part of the snippet).
                String stripped = source.stripLeading();
                int lead = countNewlines(segment.substring(0, segment.length() - segment.stripLeading().length()));
                snippets.add(new SourceSnippet(stripped, firstLine + consumedLines + lead, endsWithSemicolon(segment)));
            }
            consumedLines += countNewlines(segment);
            if (consumed == 0) {
                break; // no progress: avoid looping on input JShell cannot cut
            }
            rest = remaining;
        }
        return snippets;
    }

    /** Whether the last code character of {@code segment}, ignoring trailing line comments, is ';'. */
    static boolean endsWithSemicolon(String segment) {
        String[] lines = segment.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i];
            int comment = line.indexOf("//");
            String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!code.isEmpty()) {
                return code.endsWith(";");
            }
        }
        return false;
    }

    static int countNewlines(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
