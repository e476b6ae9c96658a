package rnncourse.kernel.stdio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects bytes written to a stream and hands them out as text, holding back an incomplete
 * UTF-8 sequence at the end so a multi-byte character (Hangul, say) split across two writes
 * is never broken into replacement characters. Not thread-safe; callers synchronise.
 */
final class Utf8Accumulator {
    private byte[] bytes = new byte[256];
    private int size;

    void append(byte[] b, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    int size() {
        return size;
    }

    /** @return the text of all complete characters so far (possibly ""), removing them */
    String takeComplete() {
        int end = completePrefixLength();
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        System.arraycopy(bytes, end, bytes, 0, size - end);
        size -= end;
        return text;
    }

    /** @return everything, an unfinished trailing sequence included (decoded leniently) */
    String takeAll() {
        String text = new String(bytes, 0, size, StandardCharsets.UTF_8);
        size = 0;
        return text;
    }

    /** Length of the longest prefix that does not end inside a multi-byte sequence. */
    private int completePrefixLength() {
        // A UTF-8 sequence is at most 4 bytes: look back at most 3 bytes for its lead byte.
        for (int back = 1; back <= Math.min(3, size); back++) {
            int b = bytes[size - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? size - back : size;
        }
        return size;
    }
}
