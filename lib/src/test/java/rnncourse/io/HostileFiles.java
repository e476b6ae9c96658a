package rnncourse.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builders for hostile checkpoint files in tests: raw pickles written opcode by opcode, the zip
 * archive around them, and an instruction splitter for splicing into real pickles.
 */
final class HostileFiles {
    private HostileFiles() {
    }

    /** A pickle written opcode by opcode (protocol 2 encodings, as {@code torch.save} uses). */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Pickle string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            le(b.length, 4);
            out.writeBytes(b);
            return this;
        }

        /** Any long, as LONG1 of 8 bytes (two's complement). */
        Pickle integer(long v) {
            op(0x8a, 8);
            le(v, 8);
            return this;
        }

        Pickle integers(long... values) {
            op('(');
            for (long v : values) {
                integer(v);
            }
            return op('t');
        }

        /** {@code OrderedDict()} on the stack. */
        Pickle orderedDict() {
            return global("collections", "OrderedDict").op(')', 'R');
        }

        /** A storage persistent id {@code ('storage', torch.<type>, key, 'cpu', numel)} on the stack. */
        Pickle storage(String type, String key, long numel) {
            op('(').string("storage").global("torch", type).string(key).string("cpu").integer(numel);
            return op('t', 'Q');
        }

        /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())} on the stack. */
        Pickle tensor(String type, String key, long numel, long offset, long[] size, long[] stride) {
            global("torch._utils", "_rebuild_tensor_v2").op('(');
            storage(type, key, numel).integer(offset).integers(size).integers(stride).op(0x89).orderedDict();
            return op('t', 'R');
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void le(long v, int n) {
            for (int i = 0; i < n; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
        }
    }

    /** The pickle of a state dict {@code {key: view}} of one float32 tensor on storage record "0". */
    static byte[] oneTensor(String key, long numel, long offset, long[] size, long[] stride) {
        return new Pickle().op(0x80, 2).orderedDict().string(key)
                .tensor("FloatStorage", "0", numel, offset, size, stride).op('s', '.').bytes();
    }

    /** A torch.save-like archive of {@code pickle} and {@code storages} (record key to bytes), stored. */
    static byte[] archive(byte[] pickle, Map<String, byte[]> storages) {
        StoredZipWriter zip = new StoredZipWriter();
        zip.add("archive/data.pkl", pickle);
        zip.add("archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        storages.forEach((k, v) -> zip.add("archive/data/" + k, v));
        zip.add("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zip.finish();
    }

    /** float32 storage bytes holding 0.5, 1.5, 2.5, ...: every element distinct. */
    static byte[] floats(int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i + 0.5f);
        }
        return b.array();
    }

    /**
     * A deflated archive whose data.pkl is PROTO 2, {@code prefix}, then {@code unit} repeated to
     * {@code bytes} in all: an opcode flood, a few hundred times smaller on disk than unpacked.
     */
    static void flood(Path file, byte[] prefix, byte[] unit, long bytes) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("flood/data.pkl"));
            zip.write(new byte[]{(byte) 0x80, 2});
            zip.write(prefix);
            byte[] chunk = new byte[(1 << 20) / unit.length * unit.length];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = unit[i % unit.length];
            }
            for (long written = 2 + prefix.length; written < bytes; written += chunk.length) {
                zip.write(chunk, 0, (int) Math.min(chunk.length, (bytes - written) / unit.length * unit.length));
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("flood/version"));
            zip.write("3\n".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
    }

    /** The records of a stored archive, by name, in order. */
    static Map<String, byte[]> records(Path archive) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                out.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** The archive of {@code records} with its data.pkl replaced by {@code pickle}. */
    static byte[] withPickle(Map<String, byte[]> records, byte[] pickle) {
        StoredZipWriter zip = new StoredZipWriter();
        records.forEach((name, data) -> zip.add(name, name.endsWith("/data.pkl") ? pickle : data));
        return zip.finish();
    }

    /** The byte offsets at which the instructions of a (valid) protocol-2 pickle start. */
    static List<Integer> instructionStarts(byte[] pickle) {
        List<Integer> starts = new ArrayList<>();
        int pos = 0;
        while (pos < pickle.length) {
            starts.add(pos);
            int op = pickle[pos++] & 0xff;
            pos += switch (op) {
                case 0x80, 'K', 'q', 'h' -> 1;
                case 'M' -> 2;
                case 'J', 'r', 'j' -> 4;
                case 'G', 0x95 -> 8;
                case 0x8a, 0x8c, 'U' -> 1 + (pickle[pos] & 0xff);
                case 'X' -> 4 + ByteBuffer.wrap(pickle, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                case 'c' -> lineEnd(pickle, lineEnd(pickle, pos) + 1) + 1 - pos;
                default -> 0;
            };
        }
        return starts;
    }

    private static int lineEnd(byte[] b, int from) {
        int i = from;
        while (b[i] != '\n') {
            i++;
        }
        return i;
    }
}
