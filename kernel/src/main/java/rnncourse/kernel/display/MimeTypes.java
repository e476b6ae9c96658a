package rnncourse.kernel.display;

/** The MIME type names the renderers produce. */
public final class MimeTypes {
    /** Plain text; every rendering has it. */
    public static final String TEXT = "text/plain";
    /** An HTML fragment. */
    public static final String HTML = "text/html";
    /** A PNG image, as base64 text. */
    public static final String PNG = "image/png";

    private MimeTypes() {
    }
}
