package rnncourse.kernel.display;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shows any {@link RenderedImage} (such as a {@code BufferedImage}) as a PNG. */
public final class ImageRenderer implements ObjectRenderer {

    @Override
    public boolean canRender(Object value) {
        return value instanceof RenderedImage;
    }

    @Override
    public Map<String, Object> render(Object value) throws IOException {
        RenderedImage image = (RenderedImage) value;
        return pngOutput(image, "image " + image.getWidth() + "x" + image.getHeight());
    }

    /**
     * Encodes an image as the output of a renderer: PNG plus a one-line text description.
     *
     * @param image       the image to encode
     * @param description the text/plain representation
     * @return image/png (base64) and text/plain
     * @throws IOException if the PNG encoder fails
     */
    static Map<String, Object> pngOutput(RenderedImage image, String description) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available for " + image.getClass().getName());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(MimeTypes.PNG, Base64.getEncoder().encodeToString(png.toByteArray()));
        out.put(MimeTypes.TEXT, description);
        return out;
    }
}
