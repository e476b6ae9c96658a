package rnncourse.kernel.display;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueTextTest {

    @Test
    void smallArraysAreWrittenAsJshellWritesThem() {
        assertEquals("float[3] { 1.0, 2.0, 3.0 }", ValueText.of(new float[]{1, 2, 3}));
        assertEquals("int[2][] { int[1] { 7 }, null }", ValueText.of(new int[][]{{7}, null}));
        assertEquals("String[0] {  }", ValueText.of(new String[0]));
    }

    @Test
    void largeArraysShowTheirFirstElementsAndLength() {
        String text = ValueText.of(new double[50_000_000]);
        assertTrue(text.startsWith("double[50000000] { 0.0, 0.0, "), text);
        assertTrue(text.endsWith(", 0.0, ... (50000000 elements) }"), text);
        assertEquals(ValueText.ARRAY_ELEMENTS, text.split("0\\.0").length - 1);
    }

    @Test
    void longTextIsCutSayingHowLongItWas() {
        String text = ValueText.of("x".repeat(ValueText.MAX_CHARS + 5));
        assertTrue(text.startsWith("x".repeat(ValueText.MAX_CHARS) + "\n"), text.substring(0, 10));
        assertTrue(text.endsWith("(" + (ValueText.MAX_CHARS + 5) + " characters; the first " + ValueText.MAX_CHARS + " shown)"));
        assertEquals("short", ValueText.of("short"));
    }

    @Test
    void summaryRunsNoUserCodeAndReadsNoElement() {
        Object loud = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("toString ran");
            }
        };
        assertEquals(loud.getClass().getName(), ValueText.summary(loud));
        assertEquals("Object[1]", ValueText.summary(new Object[]{loud}));
        assertEquals("float[100000000][]", ValueText.summary(new float[100_000_000][]));
        assertEquals("42", ValueText.summary(42));
        assertEquals("null", ValueText.summary(null));
    }
}
