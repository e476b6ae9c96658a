package rnncourse.kernel.display;

import rnncourse.kernel.api.Rendered;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Chooses how an object is shown in the notebook: the first registered renderer that accepts
 * it, falling back to plain text. A renderer that throws also falls back to text, with the
 * failure noted, so a broken chart never loses the cell's result.
 */
public final class RenderRegistry {
    private final List<ObjectRenderer> renderers = new ArrayList<>();
    private final TextRenderer fallback = new TextRenderer();

    /**
     * @return a registry with the renderers for images, XChart charts, Tablesaw tables, exercise
     *         results and the course's notes (hints, solutions, progress); all but images only if
     *         their library is on the class path
     */
    public static RenderRegistry withDefaults() {
        RenderRegistry registry = new RenderRegistry();
        registry.add(new ImageRenderer());
        registry.addIfPresent(XChartRenderer.REQUIRED_CLASS, XChartRenderer::new);
        registry.addIfPresent(TablesawRenderer.REQUIRED_CLASS, TablesawRenderer::new);
        registry.addIfPresent(ExerciseRenderer.REQUIRED_CLASS, ExerciseRenderer::new);
        registry.addIfPresent(CourseNoteRenderer.REQUIRED_CLASS, CourseNoteRenderer::new);
        return registry;
    }

    /** @param renderer tried after the renderers added before it */
    public void add(ObjectRenderer renderer) {
        renderers.add(renderer);
    }

    /**
     * Adds a renderer only if the library it draws with can be loaded; the renderer class
     * itself is not touched otherwise, so a missing library costs nothing.
     */
    void addIfPresent(String requiredClass, Supplier<ObjectRenderer> factory) {
        try {
            Class.forName(requiredClass, false, RenderRegistry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return;
        }
        add(factory.get());
    }

    /**
     * @param value     any object, possibly null
     * @param mimeTypes the MIME types wanted; none means all the renderer produces
     * @return MIME type to representation, never empty (text/plain at least, unless filtered out)
     */
    public Map<String, Object> render(Object value, String... mimeTypes) {
        Map<String, Object> all = renderAll(value);
        if (mimeTypes == null || mimeTypes.length == 0) {
            return all;
        }
        Map<String, Object> wanted = new LinkedHashMap<>();
        for (String type : mimeTypes) {
            if (all.containsKey(type)) {
                wanted.put(type, all.get(type));
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("cannot render " + describe(value) + " as "
                    + Arrays.toString(mimeTypes) + "; it renders as " + all.keySet());
        }
        return wanted;
    }

    private Map<String, Object> renderAll(Object value) {
        if (value instanceof Rendered rendered) {
            return rendered.data();
        }
        if (value == null) {
            return fallback(null);
        }
        for (ObjectRenderer renderer : renderers) {
            if (renderer.canRender(value)) {
                try {
                    return renderer.render(value);
                } catch (Exception | LinkageError failure) {
                    Map<String, Object> out = fallback(value);
                    out.put(MimeTypes.TEXT, out.get(MimeTypes.TEXT) + "\n(" + renderer.getClass().getSimpleName()
                            + " failed: " + stackTop(failure) + ")");
                    return out;
                }
            }
        }
        return fallback(value);
    }

    private Map<String, Object> fallback(Object value) {
        return new LinkedHashMap<>(fallback.render(value));
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    private static String stackTop(Throwable failure) {
        StringWriter sw = new StringWriter();
        failure.printStackTrace(new PrintWriter(sw));
        String[] lines = sw.toString().split("\n");
        return String.join("\n", Arrays.copyOf(lines, Math.min(lines.length, 4))).strip();
    }
}
