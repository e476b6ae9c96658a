package rnncourse.kernel.stdio;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchingOutputStreamTest {

    @Test
    void printlnsAreBatchedUntilDrained() {
        List<String> sent = new ArrayList<>();
        BatchingOutputStream stream = new BatchingOutputStream(sent::add);
        PrintStream out = new PrintStream(stream, true, StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
            out.println("line " + i);
        }
        assertEquals(List.of(), sent);
        stream.drain();
        assertEquals(1, sent.size());
        assertEquals(100, sent.get(0).split("\n").length);
        stream.drain();
        assertEquals(1, sent.size(), "nothing new, nothing sent");
    }

    @Test
    void splitMultibyteCharacterIsHeldBack() {
        List<String> sent = new ArrayList<>();
        BatchingOutputStream stream = new BatchingOutputStream(sent::add);
        byte[] hangul = "한글".getBytes(StandardCharsets.UTF_8); // 6 bytes
        stream.write(hangul, 0, 4);
        stream.drain();
        assertEquals(List.of("한"), sent);
        stream.write(hangul, 4, 2);
        stream.drain();
        assertEquals(List.of("한", "글"), sent);
    }

    @Test
    void bigOutputDrainsEagerly() {
        List<String> sent = new ArrayList<>();
        BatchingOutputStream stream = new BatchingOutputStream(sent::add);
        byte[] chunk = "x".repeat(BatchingOutputStream.EAGER_LIMIT).getBytes(StandardCharsets.UTF_8);
        stream.write(chunk, 0, chunk.length);
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).length() == BatchingOutputStream.EAGER_LIMIT);
    }

    @Test
    void drainAllSendsAnUnfinishedCharacter() {
        List<String> sent = new ArrayList<>();
        BatchingOutputStream stream = new BatchingOutputStream(sent::add);
        stream.write(new byte[]{(byte) 0xED}, 0, 1);
        stream.drain();
        assertEquals(List.of(), sent);
        stream.drainAll();
        assertEquals(1, sent.size());
    }
}
