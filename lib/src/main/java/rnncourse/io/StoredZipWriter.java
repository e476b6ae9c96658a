package rnncourse.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A minimal zip writer for PyTorch archives: uncompressed ("stored") entries whose data start on a
 * 64-byte boundary, as PyTorch's writer aligns them (so that {@code torch.load(..., mmap=True)} can map
 * the storages), a fixed timestamp so that the same state dict gives the same bytes, and no zip64
 * (the archive must stay below 4 GiB).
 */
final class StoredZipWriter {
    private static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER = 30;
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<byte[]> central = new ArrayList<>();

    /** Appends one entry. */
    void add(String name, byte[] data) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long offset = out.size();
        int padding = (int) ((ALIGNMENT - (offset + LOCAL_HEADER + nameBytes.length + 4) % ALIGNMENT) % ALIGNMENT);
        int extraLength = 4 + padding;   // one extra field: id, size, then padding bytes
        CRC32 crc = new CRC32();
        crc.update(data);
        if (offset + data.length > 0xffffffffL - 1024) {
            throw new IllegalArgumentException("the archive would exceed 4 GiB, which this writer does not support");
        }
        int flags = 0x0800;              // names are UTF-8
        le(0x04034b50, 4);
        le(20, 2);
        le(flags, 2);
        le(0, 2);                        // stored
        le(0, 2);
        le(DOS_DATE_1980_01_01, 2);
        le(crc.getValue(), 4);
        le(data.length, 4);
        le(data.length, 4);
        le(nameBytes.length, 2);
        le(extraLength, 2);
        out.writeBytes(nameBytes);
        le(0x4246, 2);                   // "FB": the id PyTorch's writer uses for its padding field
        le(padding, 2);
        for (int i = 0; i < padding; i++) {
            out.write('Z');
        }
        out.writeBytes(data);

        ByteArrayOutputStream c = new ByteArrayOutputStream();
        int[][] fields = {{0x02014b50, 4}, {20, 2}, {20, 2}, {flags, 2}, {0, 2}, {0, 2}, {DOS_DATE_1980_01_01, 2}};
        for (int[] f : fields) {
            le(c, f[0], f[1]);
        }
        le(c, crc.getValue(), 4);
        le(c, data.length, 4);
        le(c, data.length, 4);
        le(c, nameBytes.length, 2);
        le(c, 0, 2);                     // no extra field in the central directory
        le(c, 0, 2);                     // no comment
        le(c, 0, 2);
        le(c, 0, 2);
        le(c, 0, 4);
        le(c, offset, 4);
        c.writeBytes(nameBytes);
        central.add(c.toByteArray());
    }

    /** The finished archive: entries, central directory, end record. */
    byte[] finish() {
        long start = out.size();
        for (byte[] c : central) {
            out.writeBytes(c);
        }
        long size = out.size() - start;
        le(0x06054b50, 4);
        le(0, 2);
        le(0, 2);
        le(central.size(), 2);
        le(central.size(), 2);
        le(size, 4);
        le(start, 4);
        le(0, 2);
        return out.toByteArray();
    }

    private void le(long v, int bytes) {
        le(out, v, bytes);
    }

    private static void le(ByteArrayOutputStream o, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            o.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
