package rnncourse.kernel.editing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns raw Javadoc (inline tags, HTML) into plain text for the inspection tooltip. */
final class JavadocText {
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^}]*)}");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

    private JavadocText() {
    }

    /**
     * @param javadoc raw Javadoc as JShell returns it
     * @return the text with {@code {@code x}} as x, {@code {@link A#b}} as A.b, and HTML tags
     *         and entities removed
     */
    static String plain(String javadoc) {
        Matcher m = INLINE_TAG.matcher(javadoc);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String body = m.group(1).strip();
            if (m.group(0).startsWith("{@link")) {
                int space = body.indexOf(' ');
                body = space > 0 ? body.substring(space + 1) : body.replace('#', '.');
                if (body.startsWith(".")) {
                    body = body.substring(1);
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(body));
        }
        m.appendTail(sb);
        String text = HTML_TAG.matcher(sb.toString()).replaceAll("");
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&");
    }
}
