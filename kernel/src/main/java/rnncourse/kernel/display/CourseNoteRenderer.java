package rnncourse.kernel.display;

import rnncourse.exercise.HtmlShown;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows the course's own notes (a hint, a solution, the progress table: every
 * {@link HtmlShown}) as their HTML with their {@code toString()} as plain text. Only loaded when
 * the course library is on the class path.
 */
public final class CourseNoteRenderer implements ObjectRenderer {

    /** The class whose presence enables this renderer. */
    public static final String REQUIRED_CLASS = "rnncourse.exercise.HtmlShown";

    @Override
    public boolean canRender(Object value) {
        return value instanceof HtmlShown;
    }

    @Override
    public Map<String, Object> render(Object value) {
        HtmlShown note = (HtmlShown) value;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(MimeTypes.HTML, note.html());
        out.put(MimeTypes.TEXT, note.toString());
        return out;
    }
}
