package rnncourse.kernel.api;

/**
 * The display functions a notebook cell can call. The kernel's start-up script imports them
 * statically, so a cell writes {@code display(chart)} rather than {@code Notebook.display(chart)}.
 *
 * <pre>{@code
 * String id = display(chartOfLoss);          // show a chart below the cell
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     ...
 *     updateDisplay(id, chartOfLoss);        // redraw it in place each epoch
 * }
 * }</pre>
 */
public final class Notebook {
    private Notebook() {
    }

    private static DisplaySink sink() {
        return KernelBridge.sink();
    }

    /**
     * Shows {@code value} below the running cell, rendered as rich output where possible
     * (images and charts as PNG, tables as HTML, anything else as text).
     *
     * @param value the object to show
     * @return the display id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object value) {
        return sink().display(value);
    }

    /**
     * Shows {@code value} rendered only as the given MIME types, e.g. {@code "text/plain"}.
     *
     * @param value     the object to show
     * @param mimeTypes the MIME types wanted
     * @return the display id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object value, String... mimeTypes) {
        return sink().display(value, mimeTypes);
    }

    /**
     * Replaces an output shown earlier by {@link #display(Object)} with {@code value}.
     *
     * @param displayId the id {@code display} returned
     * @param value     the object to show instead
     */
    public static void updateDisplay(String displayId, Object value) {
        sink().updateDisplay(displayId, value);
    }

    /**
     * Replaces an output shown earlier with {@code value} rendered only as the given MIME types.
     *
     * @param displayId the id {@code display} returned
     * @param value     the object to show instead
     * @param mimeTypes the MIME types wanted
     */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        sink().updateDisplay(displayId, value, mimeTypes);
    }

    /**
     * Renders {@code value} without showing it; as a cell's last expression it shows as the result.
     *
     * @param value the object to render
     * @return its renderings by MIME type
     */
    public static Rendered render(Object value) {
        return sink().render(value);
    }

    /**
     * Renders {@code value} only as the given MIME types.
     *
     * @param value     the object to render
     * @param mimeTypes the MIME types wanted
     * @return its renderings by MIME type
     */
    public static Rendered render(Object value, String... mimeTypes) {
        return sink().render(value, mimeTypes);
    }
}
