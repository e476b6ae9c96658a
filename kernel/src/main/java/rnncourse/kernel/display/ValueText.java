package rnncourse.kernel.display;

import java.lang.reflect.Array;

/**
 * Plain text of a cell's value, bounded: an array shows its first {@link #ARRAY_ELEMENTS}
 * elements and its length (as jshell and IJava show the first elements), and no text is longer
 * than {@link #MAX_CHARS}. Formatting a 100-million-element array reads 100 elements, so a large
 * value costs what its allocation costs, not seconds of boxing into a string nobody reads.
 */
public final class ValueText {
    /** Elements of an array shown, per dimension. */
    public static final int ARRAY_ELEMENTS = 100;
    /** Longest text of one value; the rest is cut with a note saying how long it was. */
    public static final int MAX_CHARS = 200_000;

    private ValueText() {
    }

    /**
     * The text of any value as the notebook shows it: {@code toString()}, arrays element by
     * element (nested arrays too), cut to {@link #MAX_CHARS}.
     *
     * @param value any object, possibly null
     * @return its bounded text
     */
    public static String of(Object value) {
        if (value != null && value.getClass().isArray()) {
            StringBuilder text = new StringBuilder();
            appendArray(text, value);
            return cut(text.toString());
        }
        return cut(String.valueOf(value));
    }

    /**
     * A summary that runs no user code and reads no elements: strings and boxed primitives as
     * {@link #of}, an array as its type and length ({@code float[100000000]}), any other object
     * as its class name. For JShell's own value string, which the kernel never shows (it renders
     * the live object instead), so it must cost nothing.
     *
     * @param value any object, possibly null
     * @return its bounded summary
     */
    public static String summary(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character) {
            return of(value);
        }
        if (value.getClass().isArray()) {
            StringBuilder text = new StringBuilder();
            appendType(text, value);
            return text.toString();
        }
        return value.getClass().getName();
    }

    /** {@code float[3] { 1.0, 2.0, 3.0 }}, as jshell writes it; past the bound {@code ... (n elements)}. */
    private static void appendArray(StringBuilder text, Object array) {
        int length = appendType(text, array);
        text.append(" { ");
        int shown = Math.min(length, ARRAY_ELEMENTS);
        for (int i = 0; i < shown && text.length() <= MAX_CHARS; i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object element = Array.get(array, i);
            if (element != null && element.getClass().isArray()) {
                appendArray(text, element);
            } else {
                text.append(element);
            }
        }
        if (shown < length) {
            text.append(", ... (").append(length).append(" elements)");
        }
        text.append(" }");
    }

    /** {@code float[3][]} for a float[][] of length 3: the length in the outer brackets, as jshell writes it. */
    private static int appendType(StringBuilder text, Object array) {
        String type = array.getClass().getComponentType().getSimpleName();
        int length = Array.getLength(array);
        int bracket = type.indexOf('[');
        text.append(bracket < 0 ? type : type.substring(0, bracket)).append('[').append(length).append(']');
        if (bracket >= 0) {
            text.append(type.substring(bracket));
        }
        return length;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        return text.substring(0, MAX_CHARS) + "\n... (" + text.length() + " characters; the first " + MAX_CHARS + " shown)";
    }
}
