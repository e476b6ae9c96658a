package rnncourse.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnncourse.io.PyTorchFixturesTest.fixture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnncourse.nn.LSTM;
import rnncourse.nn.Linear;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/** Views, half precision, refused and broken files, and the Java-side round trip. */
class StateDictsTest {
    @TempDir
    Path dir;

    private static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((k, e) -> {
            Tensor a = actual.get(k);
            assertEquals(e.size(), a.size(), k);
            assertEquals(e.dtype(), a.dtype(), k);
            assertArrayEquals(e.toDoubleArray(), a.toDoubleArray(), 0.0, k);
        });
    }

    private static String refusal(String file) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> StateDicts.load(fixture(file)));
        assertTrue(e.getMessage().startsWith(fixture(file).toString()), "the message names the file: " + e.getMessage());
        assertEquals(fixture(file), e.file());
        return e.getMessage();
    }

    // ------------------------------------------------------------------ what load reads

    @Test
    void viewsIntoASharedStorageReadAsTheirValues() throws IOException {
        Map<String, Tensor> views = StateDicts.load(fixture("views.pt"));
        Map<String, Tensor> expected = StateDicts.load(fixture("views.expected.safetensors"));
        assertEquals(Set.of("w", "rows", "col", "wt", "corner", "scalar", "long", "double"), views.keySet());
        for (String k : views.keySet()) {
            assertEquals(expected.get(k).size(), views.get(k).size(), k);
            assertArrayEquals(expected.get(k).toDoubleArray(), views.get(k).toDoubleArray(), 0.0, k);
        }
        Tensor w = views.get("w");
        assertEquals(w.get(3, 1), views.get("col").get(3));
        assertEquals(w.get(2, 0), views.get("rows").get(0, 0));
        assertEquals(w.get(1, 3), views.get("wt").get(3, 1));
        assertEquals(0, views.get("scalar").dim());
        assertEquals(DType.INT64, views.get("long").dtype());
        assertArrayEquals(new double[]{-3, -1, 1, 3, 5, 7}, views.get("long").toDoubleArray());
        assertEquals(DType.FLOAT64, views.get("double").dtype());
        // views come back as separate tensors: changing one does not change another
        views.get("rows").setFlat(0, 99);
        assertEquals(expected.get("w").get(2, 0), w.get(2, 0));
    }

    @Test
    void parametersAndOrderedDictMetadataAreAccepted() throws IOException {
        Map<String, Tensor> p = StateDicts.load(fixture("parameters.pt"));   // torch._utils._rebuild_parameter
        assertEquals(List.of("weight", "bias"), List.copyOf(p.keySet()));
        assertArrayEquals(new int[]{2, 3}, p.get("weight").shapeArray());
        // every module fixture is an OrderedDict with _metadata (BUILD), nested keys included
        assertTrue(StateDicts.load(fixture("composite_float32.pt")).containsKey("rnn.weight_ih_l0"));
    }

    @Test
    void halfPrecisionIsReadAsFloat32AndSaysSo() throws IOException {
        Map<String, Tensor> expected = StateDicts.load(fixture("half.expected.safetensors"));
        for (String file : List.of("half.pt", "half.safetensors")) {
            Checkpoint c = StateDicts.read(fixture(file));
            assertEquals(1, c.notes().size(), file);
            assertTrue(c.notes().get(0).contains("h (torch.float16)") && c.notes().get(0).contains("b (torch.bfloat16)")
                    && !c.notes().get(0).contains("f ("), c.notes().get(0));
            for (String k : expected.keySet()) {
                assertEquals(DType.FLOAT32, c.tensors().get(k).dtype());
                assertArrayEquals(expected.get(k).toFloatArray(), c.tensors().get(k).toFloatArray(), 0f, file + " " + k);
            }
        }
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            StateDicts.load(fixture("half.pt"));
        } finally {
            System.setErr(err);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("read as float32"), captured.toString());
    }

    @Test
    void halfToFloatCoversEveryClass() {
        assertEquals(1.0f, ElementType.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, ElementType.halfToFloat((short) 0xc000));
        assertEquals(65504f, ElementType.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, ElementType.halfToFloat((short) 0x0001));         // smallest subnormal
        assertEquals(-0.0f, ElementType.halfToFloat((short) 0x8000));
        assertEquals(Float.POSITIVE_INFINITY, ElementType.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(ElementType.halfToFloat((short) 0x7e00)));
    }

    // ------------------------------------------------------------------ what load refuses

    @Test
    void aWholePickledModelIsRefused() {
        String m = refusal("refuse_whole_module.pt");
        assertTrue(m.contains("whole pickled model") && m.contains("__main__.Composite")
                && m.contains("torch.nn.modules") && m.contains("torch.save(model.state_dict(), path)")
                && m.contains("Nothing from the file was run"), m);
    }

    @Test
    void aPickleThatCallsOsSystemIsRefusedAndNothingRuns() {
        Path marker = Path.of("/tmp/rnncourse-pwned");
        boolean existedBefore = Files.exists(marker);
        String m = refusal("refuse_os_system.pt");
        assertTrue(m.contains("posix.system") && m.contains("malicious") && m.contains("Nothing from the file was run"), m);
        if (!existedBefore) {
            assertFalse(Files.exists(marker), "the command in the pickle ran");
        }
    }

    @Test
    void torchScriptIsRefused() {
        String m = refusal("refuse_torchscript.pt");
        assertTrue(m.contains("TorchScript") && m.contains("torch.jit.load") && m.contains("state_dict()"), m);
    }

    @Test
    void legacyFormatComplexDtypeAndBigEndianAreNamed() {
        assertTrue(refusal("refuse_legacy.pt").contains("legacy format"));
        String complex = refusal("refuse_complex.pt");
        assertTrue(complex.contains("'z'") && complex.contains("torch.complex64"), complex);
        String big = refusal("refuse_big_endian.pt");
        assertTrue(big.contains("big-endian") && big.contains("little-endian"), big);
    }

    @Test
    void truncatedFilesAreNamedAsTruncated() {
        assertTrue(refusal("refuse_truncated_linear_float32.pt").contains("truncated or corrupt"));
        assertTrue(refusal("refuse_truncated_linear_float32.safetensors").contains("truncated"));
    }

    @Test
    void missingEmptyAndForeignFiles() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> StateDicts.load(dir.resolve("nope.pt")));
        assertTrue(missing.getMessage().contains("not found"));
        Path empty = Files.write(dir.resolve("empty.pt"), new byte[0]);
        assertTrue(assertThrows(CheckpointException.class, () -> StateDicts.load(empty)).getMessage().contains("empty"));
        Path text = Files.writeString(dir.resolve("notes.pt"), "hello, this is not a checkpoint");
        assertTrue(assertThrows(CheckpointException.class, () -> StateDicts.load(text)).getMessage().contains("neither"));
    }

    private Path safetensors(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return Files.write(dir.resolve("crafted.safetensors"), b.array());
    }

    private String safetensorsError(String header, int dataBytes) throws IOException {
        Path p = safetensors(header, dataBytes);
        return assertThrows(CheckpointException.class, () -> StateDicts.load(p)).getMessage();
    }

    @Test
    void safetensorsHeadersAreValidated() throws IOException {
        // a valid one first, so that each broken variant below fails for its own reason
        assertArrayEquals(new int[]{2}, StateDicts.load(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8))
                .get("a").shapeArray());
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", 8).contains("outside"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8).contains("needs 12"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8).contains("overlapping"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8).contains("gap"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8).contains("cover 4 bytes"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8).contains("unknown dtype"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8).contains("int32"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8).contains("non-negative"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8).contains("not valid JSON"));
        assertTrue(safetensorsError("[1, 2]", 0).contains("not a JSON object"));
        assertTrue(safetensorsError("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8).contains("duplicate"));
        Path huge = Files.write(dir.resolve("huge.safetensors"),
                ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).put((byte) '{').array());
        assertTrue(assertThrows(CheckpointException.class, () -> StateDicts.load(huge)).getMessage().contains("outside 2.."));
    }

    @Test
    void aCorruptPickleIsNamedNotRun() throws IOException {
        byte[] pickle = {(byte) 0x80, 2, '}', 'X', (byte) 0xff, (byte) 0xff, 0, 0, 'a'};   // a string longer than the file
        StoredZipWriter zip = new StoredZipWriter();
        zip.add("bad/data.pkl", pickle);
        zip.add("bad/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        Path p = Files.write(dir.resolve("bad.pt"), zip.finish());
        String m = assertThrows(CheckpointException.class, () -> StateDicts.load(p)).getMessage();
        assertTrue(m.contains("bad/data.pkl") && m.contains("truncated"), m);
        // an opcode protocol 2 never writes (INST, which imports and calls a class)
        StoredZipWriter zip2 = new StoredZipWriter();
        zip2.add("inst/data.pkl", "\u0080\u0002ios\nsystem\n(S'echo hi'\ntR.".getBytes(StandardCharsets.ISO_8859_1));
        Path p2 = Files.write(dir.resolve("inst.pt"), zip2.finish());
        String m2 = assertThrows(CheckpointException.class, () -> StateDicts.load(p2)).getMessage();
        assertTrue(m2.contains("unsupported pickle opcode 0x69"), m2);
    }

    @Test
    void storagesOfTheWrongSizeAreNamed() throws IOException {
        Map<String, Tensor> four = Map.of("w", Tensor.tensor(1, 2, 3, 4));
        for (int bytes : new int[]{8, 4096}) {   // too short, and far too long (as a zip bomb would claim)
            StoredZipWriter zip = new StoredZipWriter();
            zip.add("odd/data.pkl", Pickler.stateDict(four));
            zip.add("odd/data/0", new byte[bytes]);
            zip.add("odd/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            Path p = Files.write(dir.resolve("odd" + bytes + ".pt"), zip.finish());
            String m = assertThrows(CheckpointException.class, () -> StateDicts.load(p)).getMessage();
            assertTrue(m.contains("odd/data/0") && m.contains("corrupt archive"), m);
        }
        StoredZipWriter zip = new StoredZipWriter();
        zip.add("gone/data.pkl", Pickler.stateDict(four));
        Path p = Files.write(dir.resolve("gone.pt"), zip.finish());
        assertTrue(assertThrows(CheckpointException.class, () -> StateDicts.load(p)).getMessage().contains("missing"));
    }

    // ------------------------------------------------------------------ save, and back into a model

    private static Map<String, Tensor> mixedState() {
        Tensor.manualSeed(7);
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("rnn.weight_ih_l0", Tensor.randn(8, 3));
        s.put("fc.bias", Tensor.randn(DType.FLOAT64, 2));
        s.put("steps", Tensor.tensorLong(-5, 0, 1L << 40));
        s.put("scalar", Tensor.scalar(2.5));
        s.put("empty", Tensor.zeros(0, 4));
        return s;
    }

    @Test
    void saveThenLoadGivesTheSameTensorsInBothFormats() throws IOException {
        Map<String, Tensor> state = mixedState();
        for (String name : List.of("state.pt", "state.safetensors", "state.pth")) {
            Path p = dir.resolve(name);
            StateDicts.save(state, p);
            Checkpoint c = StateDicts.read(p);
            assertEquals(name.endsWith(".safetensors") ? CheckpointFormat.SAFETENSORS : CheckpointFormat.TORCH_ZIP, c.format());
            Map<String, Tensor> back = c.tensors();
            if (c.format() == CheckpointFormat.SAFETENSORS) {
                // safetensors orders by element size (8-byte types first), keeping the order within a size
                assertEquals(List.of("fc.bias", "steps", "rnn.weight_ih_l0", "scalar", "empty"), List.copyOf(back.keySet()));
                back = new LinkedHashMap<>();
                for (String k : state.keySet()) {
                    back.put(k, c.tensors().get(k));
                }
            }
            assertSameTensors(state, back);
            assertTrue(c.notes().isEmpty());
        }
    }

    @Test
    void savedArchivesAreDeterministicAndAligned() throws IOException {
        Path a = dir.resolve("a.pt");
        Path b = dir.resolve("sub/dir/a.pt");
        StateDicts.save(mixedState(), a);
        StateDicts.save(mixedState(), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(a.toFile())) {
            assertEquals(List.of("a/data.pkl", "a/.format_version", "a/.storage_alignment", "a/byteorder",
                    "a/data/0", "a/data/1", "a/data/2", "a/data/3", "a/data/4", "a/version"),
                    zip.stream().map(java.util.zip.ZipEntry::getName).toList());
        }
        // each storage record's data begins on a 64-byte boundary (local header 30 + name + extra field)
        byte[] bytes = Files.readAllBytes(a);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        int records = 0;
        while (buf.getInt(at) == 0x04034b50) {
            int size = buf.getInt(at + 18);
            int data = at + 30 + (buf.getShort(at + 26) & 0xffff) + (buf.getShort(at + 28) & 0xffff);
            assertEquals(0, data % 64, "record " + records);
            at = data + size;
            records++;
        }
        assertEquals(10, records);
    }

    @Test
    void aLoadedStateDictGoesIntoAModelAndMismatchesAreNamed() throws IOException {
        Map<String, Tensor> state = StateDicts.load(fixture("composite_float32.pt"));
        PyTorchFixturesTest.Composite model = new PyTorchFixturesTest.Composite();
        model.loadStateDict(state);
        assertArrayEquals(state.get("fc.weight").toFloatArray(), model.fc.weight().toFloatArray());

        LSTM wrongSize = new LSTM(4, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wrongSize.loadStateDict(StateDicts.load(fixture("lstm_float32.pt"))));
        assertTrue(e.getMessage().contains("unexpected keys") && e.getMessage().contains("weight_ih_l0_reverse"), e.getMessage());
        Linear narrow = new Linear(4, 2);
        e = assertThrows(IllegalArgumentException.class, () -> narrow.loadStateDict(StateDicts.load(fixture("linear_float32.pt"))));
        assertTrue(e.getMessage().contains("size mismatch for weight"), e.getMessage());
    }

    @Test
    void badArgumentsToSaveAreNamed() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("", Tensor.zeros(1));
        assertThrows(IllegalArgumentException.class, () -> StateDicts.save(s, dir.resolve("x.pt")));
        Map<String, Tensor> n = new LinkedHashMap<>();
        n.put("w", null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StateDicts.save(n, dir.resolve("x.pt")))
                .getMessage().contains("'w'"));
    }
}
