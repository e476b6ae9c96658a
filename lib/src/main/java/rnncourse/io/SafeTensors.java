package rnncourse.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnncourse.tensor.Tensor;

/**
 * The safetensors format: an unsigned 64-bit little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {...}}}),
 * then the tensors' bytes, row-major and little-endian, offsets counted from the end of the header.
 * Reading validates everything before trusting it: the header's size, that it is a JSON object of
 * that form, that each tensor's byte range matches its shape and type and lies inside the file, and
 * that the ranges tile the data without gaps or overlaps (as the reference implementation demands).
 */
final class SafeTensors {
    /** The reference implementation's bound on the header (100 MB). */
    static final long MAX_HEADER = 100_000_000L;
    private static final String METADATA = "__metadata__";

    private SafeTensors() {
    }

    /** True when {@code bytes} begin like a safetensors file: a plausible header length, then '{'. */
    static boolean looksLike(byte[] bytes) {
        if (bytes.length < 9) {
            return false;
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n > 1 && n <= MAX_HEADER && bytes[8] == '{';
    }

    private record Entry(String name, ElementType type, int[] shape, long begin, long end) {
    }

    static Checkpoint read(Path file, byte[] bytes) throws CheckpointException {
        if (bytes.length < 8) {
            throw new CheckpointException(file, "not a safetensors file: " + bytes.length
                    + " bytes, shorter than the 8-byte header length (truncated?)");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER) {
            throw new CheckpointException(file, "safetensors header length " + Long.toUnsignedString(headerLength)
                    + " is outside 2.." + MAX_HEADER + " bytes: not a safetensors file, or corrupt");
        }
        if (8 + headerLength > bytes.length) {
            throw new CheckpointException(file, "the safetensors header says it is " + headerLength
                    + " bytes long but the file has only " + (bytes.length - 8) + " after the length: the file is truncated");
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "the safetensors header is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new CheckpointException(file, "the safetensors header is not a JSON object");
        }
        int dataStart = (int) (8 + headerLength);
        long dataLength = bytes.length - dataStart;
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA)) {
                continue;
            }
            entries.add(entry(file, name, e.getValue(), dataLength));
        }
        checkTiling(file, entries, dataLength);

        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) dataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<String> widened = new ArrayList<>();
        entries.sort(Comparator.comparingLong(Entry::begin));
        for (Entry en : entries) {
            ByteBuffer slice = data.duplicate().position((int) en.begin).limit((int) en.end).slice().order(ByteOrder.LITTLE_ENDIAN);
            try {
                tensors.put(en.name, en.type.gather(slice, 0, en.shape, contiguousStrides(en.shape)));
            } catch (IllegalArgumentException ex) {
                throw new CheckpointException(file, "tensor '" + en.name + "': " + ex.getMessage());
            }
            if (en.type.widened()) {
                widened.add(en.name + " (" + en.type.torchName + ")");
            }
        }
        return new Checkpoint(file, CheckpointFormat.SAFETENSORS, tensors, StateDicts.widenedNote(widened));
    }

    private static Entry entry(Path file, String name, Object value, long dataLength) throws CheckpointException {
        String where = "safetensors header, tensor '" + name + "': ";
        if (!(value instanceof Map<?, ?> info)) {
            throw new CheckpointException(file, where + "expected an object with dtype, shape and data_offsets");
        }
        if (!(info.get("dtype") instanceof String code)) {
            throw new CheckpointException(file, where + "no \"dtype\" string");
        }
        ElementType type = ElementType.forSafetensorsName(code);
        if (type == null) {
            String known = ElementType.UNSUPPORTED_SAFETENSORS.get(code);
            throw new CheckpointException(file, where + (known != null
                    ? "dtype " + code + " (" + known + ") is not supported; the course reads F32, F64, I64, and F16/BF16 as float32."
                      + " Convert it in PyTorch first, e.g. {k: v.float() for k, v in state.items()}"
                    : "unknown dtype \"" + code + "\""));
        }
        int[] shape = intList(file, where + "\"shape\"", info.get("shape"), 0, Integer.MAX_VALUE);
        long numel = 1;
        for (int s : shape) {
            numel *= s;
            if (numel > Integer.MAX_VALUE) {
                throw new CheckpointException(file, where + "shape " + java.util.Arrays.toString(shape) + " has more than 2^31 elements");
            }
        }
        if (!(info.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
            throw new CheckpointException(file, where + "\"data_offsets\" must be two integers [begin, end]");
        }
        if (begin < 0 || end < begin || end > dataLength) {
            throw new CheckpointException(file, where + "data_offsets [" + begin + ", " + end + "] lie outside the "
                    + dataLength + " data bytes after the header (truncated or corrupt file)");
        }
        if (end - begin != numel * type.bytes) {
            throw new CheckpointException(file, where + "data_offsets cover " + (end - begin) + " bytes but shape "
                    + java.util.Arrays.toString(shape) + " of " + code + " needs " + numel * type.bytes);
        }
        return new Entry(name, type, shape, begin, end);
    }

    private static int[] intList(Path file, String what, Object value, long min, long max) throws CheckpointException {
        if (!(value instanceof List<?> list)) {
            throw new CheckpointException(file, what + " must be a list of integers");
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < min || v > max) {
                throw new CheckpointException(file, what + " must be a list of non-negative integers, got " + list);
            }
            out[i] = (int) (long) v;
        }
        return out;
    }

    private static void checkTiling(Path file, List<Entry> entries, long dataLength) throws CheckpointException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin != expected) {
                throw new CheckpointException(file, "safetensors tensor '" + e.name + "' starts at byte " + e.begin
                        + " of the data but the previous tensor ends at " + expected
                        + (e.begin < expected ? " (overlapping tensors)" : " (a gap)") + ": corrupt file");
            }
            expected = e.end;
        }
        if (expected != dataLength) {
            throw new CheckpointException(file, "the safetensors tensors cover " + expected + " bytes but the file has "
                    + dataLength + " data bytes after the header: corrupt file");
        }
    }

    /**
     * Row-major strides of {@code shape}. A product of trailing sizes beyond a long is possible only
     * in a zero-element shape, where no stride is ever used; it saturates instead of wrapping.
     */
    static long[] contiguousStrides(int[] shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s = shape[i] != 0 && s > Long.MAX_VALUE / shape[i] ? Long.MAX_VALUE : s * shape[i];
        }
        return stride;
    }

    /**
     * Writes {@code tensors} in safetensors' layout. Tensors are ordered by element size (8-byte types
     * first, keeping the map's order within a size) and the header is padded with spaces to a multiple
     * of 8, so every tensor starts aligned to its element size, as the reference writer does.
     */
    static byte[] encode(Map<String, Tensor> tensors) {
        List<Map.Entry<String, Tensor>> ordered = new ArrayList<>(tensors.entrySet());
        ordered.sort(Comparator.comparingInt(e -> -ElementType.of(e.getValue().dtype()).bytes));
        StringBuilder header = new StringBuilder("{\"" + METADATA + "\":{\"format\":\"pt\"}");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : ordered) {
            Tensor t = e.getValue();
            ElementType type = ElementType.of(t.dtype());
            long end = offset + (long) t.numel() * type.bytes;
            header.append(',').append(Json.quote(e.getKey())).append(":{\"dtype\":\"").append(type.safetensorsName)
                    .append("\",\"shape\":").append(java.util.Arrays.toString(t.shapeArray()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        header.append('}');
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("state dict of " + total + " bytes is too large to write in one piece");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Map.Entry<String, Tensor> e : ordered) {
            ElementType.of(e.getValue().dtype()).put(out, e.getValue());
        }
        return out.array();
    }
}
