package rnncourse.kernel.magic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeMagicTest {
    @Test
    void readableUnits() {
        assertEquals("12.5 µs", TimeMagic.format(12_500));
        assertEquals("3.2 ms", TimeMagic.format(3_200_000));
        assertEquals("4.57 s", TimeMagic.format(4_567_000_000L));
        assertEquals("3 min 5 s", TimeMagic.format(185_000_000_000L));
    }
}
