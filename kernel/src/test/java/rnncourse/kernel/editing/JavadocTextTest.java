package rnncourse.kernel.editing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavadocTextTest {
    @Test
    void inlineTagsAndHtml() {
        assertEquals("Returns the greater of two int values, see Integer.MAX_VALUE.",
                JavadocText.plain("Returns the greater of two {@code int} values, see {@link Integer#MAX_VALUE}."));
        assertEquals("a list of items", JavadocText.plain("a {@linkplain java.util.List list} of <i>items</i>"));
        assertEquals("x < y", JavadocText.plain("x &lt; y"));
    }
}
