package rnncourse.kernel.display;

import org.junit.jupiter.api.Test;
import rnncourse.kernel.api.Rendered;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderRegistryTest {
    private final RenderRegistry registry = RenderRegistry.withDefaults();

    @Test
    void imageBecomesPng() {
        Map<String, Object> out = registry.render(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        byte[] png = Base64.getDecoder().decode((String) out.get(MimeTypes.PNG));
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertEquals("image 3x2", out.get(MimeTypes.TEXT));
    }

    @Test
    void anythingElseIsText() {
        assertEquals(Map.of(MimeTypes.TEXT, "[1, 2]"), registry.render(List.of(1, 2)));
        assertEquals(Map.of(MimeTypes.TEXT, "null"), registry.render(null));
    }

    @Test
    void renderedPassesThroughAndFilters() {
        Rendered r = new Rendered(Map.of(MimeTypes.HTML, "<b>x</b>"));
        assertEquals(Map.of(MimeTypes.HTML, "<b>x</b>"), registry.render(r));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.render("text", MimeTypes.PNG));
        assertTrue(e.getMessage().contains("image/png"), e.getMessage());
    }

    @Test
    void failingRendererFallsBackToText() {
        RenderRegistry r = new RenderRegistry();
        r.add(new ObjectRenderer() {
            @Override
            public boolean canRender(Object value) {
                return true;
            }

            @Override
            public Map<String, Object> render(Object value) {
                throw new IllegalStateException("broken renderer");
            }
        });
        String text = (String) r.render("value").get(MimeTypes.TEXT);
        assertTrue(text.startsWith("value"), text);
        assertTrue(text.contains("broken renderer"), text);
    }

    @Test
    void htmlEscape() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
    }
}
