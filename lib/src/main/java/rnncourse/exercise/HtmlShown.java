package rnncourse.exercise;

/**
 * A course object the kernel shows as HTML (with {@link Object#toString()} as its plain-text
 * version): a hint, a solution, the progress table. The kernel's renderer needs to know only
 * this interface, not each type.
 */
public interface HtmlShown {
    /** @return a self-contained HTML fragment (inline styles, no scripts) */
    String html();

    /** HTML-escapes text for {@link #html()}. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A box in the colours of the check results: border, background, a bold headline, a body. */
    static String box(String border, String background, String headline, String bodyHtml) {
        return "<div class=\"rnncourse-note\" style=\"border:2px solid " + border + ";background:" + background
                + ";border-radius:6px;padding:8px 12px;margin:4px 0;color:#222;\">"
                + "<div style=\"font-weight:bold\">" + escape(headline) + "</div>" + bodyHtml + "</div>";
    }
}
