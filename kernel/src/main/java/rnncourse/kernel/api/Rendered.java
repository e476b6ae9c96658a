package rnncourse.kernel.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An object already turned into notebook output: one entry per MIME type (for example
 * {@code text/plain} to a String, {@code image/png} to base64 text). When a cell ends with
 * an expression of this type, the kernel shows these representations as they are.
 */
public final class Rendered {
    private final Map<String, Object> data;

    /**
     * @param data MIME type to representation; copied, insertion order kept
     * @throws IllegalArgumentException if {@code data} is null or empty
     */
    public Rendered(Map<String, Object> data) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("Rendered needs at least one MIME type, got "
                    + (data == null ? "null" : "an empty map"));
        }
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** @return MIME type to representation, in the order the renderer produced them */
    public Map<String, Object> data() {
        return data;
    }

    /** @return the {@code text/plain} representation, or a list of the MIME types if there is none */
    @Override
    public String toString() {
        Object text = data.get("text/plain");
        return text != null ? text.toString() : "Rendered" + data.keySet();
    }
}
