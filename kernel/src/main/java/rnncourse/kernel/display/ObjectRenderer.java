package rnncourse.kernel.display;

import java.util.Map;

/** Turns objects of one kind into notebook output (MIME type to representation). */
public interface ObjectRenderer {

    /**
     * @param value a non-null object
     * @return true if this renderer knows how to show {@code value}
     */
    boolean canRender(Object value);

    /**
     * @param value an object for which {@link #canRender} returned true
     * @return MIME type to representation, in order of preference; includes {@code text/plain}
     * @throws Exception if rendering fails; the registry then falls back to plain text
     */
    Map<String, Object> render(Object value) throws Exception;
}
