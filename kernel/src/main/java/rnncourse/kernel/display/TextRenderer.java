package rnncourse.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fallback: any object as {@code text/plain} through its {@code toString()}, arrays element
 * by element, bounded ({@link ValueText}). Course tensors land here on purpose, because their
 * {@code toString()} already prints shape and values the way PyTorch does.
 */
public final class TextRenderer implements ObjectRenderer {

    @Override
    public boolean canRender(Object value) {
        return true;
    }

    @Override
    public Map<String, Object> render(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(MimeTypes.TEXT, ValueText.of(value));
        return out;
    }
}
