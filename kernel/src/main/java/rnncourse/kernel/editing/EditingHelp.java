package rnncourse.kernel.editing;

import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import rnncourse.kernel.exec.CellEvaluator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Completion, inspection and is-complete answers, from JShell's source analysis. A cell holds
 * several snippets while JShell analyses one at a time, so each request first finds the
 * snippet the cursor is in.
 */
public final class EditingHelp {
    private final CellEvaluator evaluator;
    private final Supplier<Set<String>> magicNames;

    /**
     * @param evaluator  the running JShell, whose source analysis answers
     * @param magicNames the names of the known magics, for completing {@code %ma}
     */
    public EditingHelp(CellEvaluator evaluator, Supplier<Set<String>> magicNames) {
        this.evaluator = evaluator;
        this.magicNames = magicNames;
    }

    private SourceCodeAnalysis analysis() {
        return evaluator.analysis();
    }

    /** Completion and inspection: JShell's class index is built from the first of these on. */
    private SourceCodeAnalysis analysisWithIndex() {
        return evaluator.analysisWithIndex();
    }

    /** Offset in {@code code} where the snippet containing {@code cursor} starts. */
    int snippetStart(String code, int cursor) {
        String before = code.substring(0, Math.min(cursor, code.length()));
        int lineStart = before.lastIndexOf('\n') + 1;
        // A magic line is not Java: complete only on its own text.
        if (before.substring(lineStart).stripLeading().startsWith("%")) {
            return -1;
        }
        int start = 0;
        String rest = before;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0) {
                break;
            }
            start += consumed;
            rest = info.remaining();
        }
        while (start < before.length() && Character.isWhitespace(before.charAt(start))) {
            start++;
        }
        return start;
    }

    /**
     * @param code   the cell
     * @param cursor the cursor's offset in it
     * @return the completions of the snippet (or magic name) under the cursor, or null on a magic's arguments
     */
    public ReplacementOptions complete(String code, int cursor) {
        ReplacementOptions magic = completeMagicName(code, cursor);
        if (magic != null) {
            return magic;
        }
        int start = snippetStart(code, cursor);
        if (start < 0) {
            return null;
        }
        String snippet = code.substring(start, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysisWithIndex().completionSuggestions(snippet, snippet.length(), anchor);
        Set<String> options = new LinkedHashSet<>();
        // JShell lists type-matching suggestions first; keep its order, drop duplicates.
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> options.add(s.continuation()));
        suggestions.forEach(s -> options.add(s.continuation()));
        return new ReplacementOptions(new ArrayList<>(options), start + anchor[0], cursor);
    }

    /** Completes {@code %ma} to the magic names starting so, when the cursor is in the name. */
    private ReplacementOptions completeMagicName(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        String line = code.substring(lineStart, cursor);
        String trimmed = line.stripLeading();
        if (!trimmed.startsWith("%")) {
            return null;
        }
        String name = trimmed.startsWith("%%") ? trimmed.substring(2) : trimmed.substring(1);
        if (name.chars().anyMatch(Character::isWhitespace)) {
            return null; // the cursor is in the magic's arguments
        }
        List<String> matches = magicNames.get().stream().filter(n -> n.startsWith(name)).sorted().toList();
        return new ReplacementOptions(new ArrayList<>(matches), cursor - name.length(), cursor);
    }

    /** @return signature(s) and Javadoc at the cursor as text, or null if nothing is known */
    public String inspect(String code, int cursor) {
        int start = snippetStart(code, cursor);
        if (start < 0) {
            return null;
        }
        // Documentation is found for "name(" and for a name the cursor is in or right after.
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        String snippet = code.substring(start, end);
        List<SourceCodeAnalysis.Documentation> docs = analysisWithIndex().documentation(snippet, snippet.length(), true);
        if (docs.isEmpty() && !snippet.endsWith("(")) {
            docs = analysisWithIndex().documentation(snippet + "(", snippet.length() + 1, true);
        }
        if (docs.isEmpty()) {
            String type = analysisWithIndex().analyzeType(snippet, snippet.length());
            return type == null || type.isBlank() ? null : type;
        }
        StringBuilder sb = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(doc.signature());
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                sb.append("\n\n").append(JavadocText.plain(doc.javadoc()).strip());
            }
        }
        return sb.toString();
    }

    /**
     * @param code a cell
     * @return "complete", "invalid" or an indent (meaning incomplete), in basekernel's terms
     */
    public String isComplete(String code) {
        if (code.isBlank()) {
            return "complete";
        }
        String rest = code;
        while (true) {
            if (rest.stripLeading().startsWith("%")) {
                int nl = rest.indexOf('\n');
                if (nl < 0) {
                    return "complete";
                }
                rest = rest.substring(nl + 1);
                continue;
            }
            if (rest.isBlank()) {
                return "complete";
            }
            SourceCodeAnalysis.CompletionInfo info = analysis().analyzeCompletion(rest);
            Completeness c = info.completeness();
            switch (c) {
                case EMPTY:
                    return "complete";
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                    // JShell cannot cut it into a valid snippet: a syntax error.
                    return "invalid";
                default:
                    if (info.remaining().isBlank()) {
                        return "complete";
                    }
                    rest = info.remaining();
            }
        }
    }
}
