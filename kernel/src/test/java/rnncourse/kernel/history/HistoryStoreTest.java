package rnncourse.kernel.history;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryStoreTest {

    private static List<Integer> cells(List<HistoryStore.Entry> entries) {
        return entries.stream().map(HistoryStore.Entry::cell).toList();
    }

    private static HistoryStore sample() {
        HistoryStore h = new HistoryStore();
        h.add(1, "int a = 1;");
        h.add(2, "a + 1");
        h.add(3, "a + 1");
        h.add(4, "print(a)");
        return h;
    }

    @Test
    void tailRangeAndOutput() {
        HistoryStore h = sample();
        h.setOutput(2, "2");
        assertEquals(List.of(3, 4), cells(h.tail(2)));
        assertEquals(List.of(1, 2, 3, 4), cells(h.tail(10)));
        assertEquals(List.of(2, 3), cells(h.range(2, 4)));
        assertEquals(List.of(3, 4), cells(h.range(3, 0)));
        assertEquals("2", h.tail(4).get(1).output());
    }

    @Test
    void globSearchUniqueAndLimit() {
        HistoryStore h = sample();
        assertEquals(List.of(2, 3), cells(h.search("a + ?", 0, false)));
        assertEquals(List.of(3), cells(h.search("a + ?", 0, true)));
        assertEquals(List.of(3, 4), cells(h.search("*", 2, false)));
        assertEquals(List.of(), cells(h.search("zzz*", 0, false)));
        assertEquals(List.of(4), cells(h.search("print(*)", 0, false)));
    }
}
