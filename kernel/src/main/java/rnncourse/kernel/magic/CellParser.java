package rnncourse.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into code and magics. A cell whose first non-blank line starts with
 * {@code %%} is one cell magic. Otherwise any line starting with {@code %name} is a line
 * magic, except inside a Java text block ({@code """ ... """}), where such a line is text.
 */
public final class CellParser {
    private CellParser() {
    }

    /**
     * @param cell the cell source
     * @return its parts in order (possibly empty)
     */
    public static List<CellPart> parse(String cell) {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        List<CellPart> parts = new ArrayList<>();
        if (first < lines.length && lines[first].stripLeading().startsWith("%%")) {
            String header = lines[first].stripLeading().substring(2);
            String[] nameArgs = nameAndArgs(header);
            StringBuilder body = new StringBuilder();
            for (int i = first + 1; i < lines.length; i++) {
                body.append(lines[i]);
                if (i < lines.length - 1) {
                    body.append('\n');
                }
            }
            parts.add(new CellPart.CellMagic(nameArgs[0], nameArgs[1], body.toString(), first + 2));
            return parts;
        }
        StringBuilder code = new StringBuilder();
        int codeStart = 1;
        int textBlockQuotes = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.stripLeading();
            boolean inTextBlock = textBlockQuotes % 2 == 1;
            if (!inTextBlock && isLineMagic(stripped)) {
                flush(parts, code, codeStart);
                String[] nameArgs = nameAndArgs(stripped.substring(1));
                parts.add(new CellPart.LineMagic(nameArgs[0], nameArgs[1], i + 1));
                codeStart = i + 2;
                continue;
            }
            if (code.length() == 0 && line.isBlank()) {
                codeStart = i + 2;
                continue;
            }
            textBlockQuotes += count(line, "\"\"\"");
            code.append(line).append('\n');
        }
        flush(parts, code, codeStart);
        return parts;
    }

    private static boolean isLineMagic(String stripped) {
        return stripped.length() > 1 && stripped.charAt(0) == '%' && Character.isLetter(stripped.charAt(1));
    }

    private static void flush(List<CellPart> parts, StringBuilder code, int codeStart) {
        if (!code.toString().isBlank()) {
            parts.add(new CellPart.Code(code.toString(), codeStart));
        }
        code.setLength(0);
    }

    private static String[] nameAndArgs(String header) {
        String h = header.strip();
        int space = 0;
        while (space < h.length() && !Character.isWhitespace(h.charAt(space))) {
            space++;
        }
        return new String[]{h.substring(0, space), h.substring(space).strip()};
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
