package rnncourse.kernel.api;

/**
 * What the running kernel does with the objects a cell hands to {@link Notebook}.
 * The kernel installs one sink at start-up; outside a kernel there is none.
 */
public interface DisplaySink {

    /**
     * Renders {@code value} and shows it below the running cell.
     *
     * @param value     the object to show
     * @param mimeTypes MIME types to restrict the rendering to; empty means every type the
     *                  renderer offers
     * @return the display id, to pass to {@link #updateDisplay}
     */
    String display(Object value, String... mimeTypes);

    /**
     * Replaces the output shown earlier under {@code displayId} with a rendering of {@code value}.
     *
     * @param displayId an id returned by {@link #display}
     * @param value     the new object to show
     * @param mimeTypes MIME types to restrict the rendering to; empty means all
     */
    void updateDisplay(String displayId, Object value, String... mimeTypes);

    /**
     * Renders {@code value} without showing it.
     *
     * @param value     the object to render
     * @param mimeTypes MIME types to restrict the rendering to; empty means all
     * @return the rendering, shown as the cell's result when it is the cell's last expression
     */
    Rendered render(Object value, String... mimeTypes);
}
