package rnncourse.kernel.display;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a Tablesaw {@link Table} as an HTML table (first and last rows of long tables) plus
 * Tablesaw's own text layout. Only loaded when Tablesaw is on the class path.
 */
public final class TablesawRenderer implements ObjectRenderer {

    /** The class whose presence enables this renderer. */
    public static final String REQUIRED_CLASS = "tech.tablesaw.api.Table";

    /** Tables longer than this show their head and tail only. */
    static final int MAX_ROWS = 20;

    @Override
    public boolean canRender(Object value) {
        return value instanceof Table;
    }

    @Override
    public Map<String, Object> render(Object value) {
        Table table = (Table) value;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(MimeTypes.HTML, html(table));
        out.put(MimeTypes.TEXT, table.print(MAX_ROWS));
        return out;
    }

    private static String html(Table table) {
        int rows = table.rowCount();
        StringBuilder sb = new StringBuilder();
        sb.append("<div><table class=\"dataframe\" border=\"1\"><thead><tr><th></th>");
        for (Column<?> column : table.columns()) {
            sb.append("<th>").append(Html.escape(column.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        int head = rows <= MAX_ROWS ? rows : MAX_ROWS / 2;
        for (int r = 0; r < head; r++) {
            row(sb, table, r);
        }
        if (rows > MAX_ROWS) {
            sb.append("<tr><th>…</th>");
            for (int c = 0; c < table.columnCount(); c++) {
                sb.append("<td>…</td>");
            }
            sb.append("</tr>");
            for (int r = rows - MAX_ROWS / 2; r < rows; r++) {
                row(sb, table, r);
            }
        }
        sb.append("</tbody></table><p>").append(Html.escape(table.name() == null ? "" : table.name()))
                .append(" ").append(rows).append(" rows × ").append(table.columnCount())
                .append(" columns</p></div>");
        return sb.toString();
    }

    private static void row(StringBuilder sb, Table table, int r) {
        sb.append("<tr><th>").append(r).append("</th>");
        for (Column<?> column : table.columns()) {
            sb.append("<td>").append(Html.escape(column.getString(r))).append("</td>");
        }
        sb.append("</tr>");
    }
}
