package rnncourse.kernel.history;

import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryWithStatusTest {
    @Test
    void tailWithAndWithoutOutput() {
        HistoryStore store = new HistoryStore();
        store.add(1, "int a = 1;");
        store.add(2, "a + 1");
        store.setOutput(2, "2");
        store.add(3, "a + 2");
        assertEquals(List.of(List.of(1, 2, "a + 1"), List.of(1, 3, "a + 2")),
                HistoryWithStatus.answering(new HistoryRequest.Tail(false, false, 2), store).entries());
        assertEquals(List.of(List.of(1, 2, List.of("a + 1", "2")), List.of(1, 3, List.of("a + 2", ""))),
                HistoryWithStatus.answering(new HistoryRequest.Tail(true, false, 2), store).entries());
    }
}
