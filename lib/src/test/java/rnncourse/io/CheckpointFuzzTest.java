package rnncourse.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnncourse.tensor.Tensor;

/**
 * Seeded fuzzing of the checkpoint readers: the valid fixtures truncated and flipped, their pickles
 * with integers set to extremes, strings swapped, and None, self-references and other instructions spliced in,
 * their safetensors headers with extreme numbers, small opcode floods, and generated views with
 * extreme sizes, strides, offsets and storage sizes. Every case must end, within
 * {@link #CASE_CPU_SECONDS} of CPU, in either a load or a {@link CheckpointException}: never another
 * exception, never a hang. Loads are checked: every tensor's shape multiplies (exactly, in
 * BigInteger) to its element count, and each generated view must be refused exactly when it
 * reaches outside its storage and otherwise hold the elements that BigInteger arithmetic says.
 */
class CheckpointFuzzTest {
    static final long SEED = 20261206L;
    /** CPU time of the reading thread allowed per case (wall time on a shared machine measures the others). */
    static final double CASE_CPU_SECONDS = 1.0;
    /** Wall time after which a case counts as hung, whatever the load. */
    static final long HANG_SECONDS = 10;
    private static final List<String> TORCH_FIXTURES = List.of("linear_float32.pt", "lstm_float64.pt", "views.pt",
            "parameters.pt", "half.pt", "composite_float32.pt", "gru_float32.pt");
    private static final List<String> SAFETENSORS_FIXTURES = List.of("linear_float32.safetensors", "half.safetensors",
            "composite_float64.safetensors", "views.expected.safetensors");
    private static final long[] EXTREMES = {0, 1, 2, 3, 65536, (1L << 31) - 1, 1L << 31, 1L << 32, (1L << 48) + 1,
            1L << 62, Long.MAX_VALUE, -1, Long.MIN_VALUE};
    private static final int STORAGE = 24;

    @TempDir
    static Path dir;
    private static ExecutorService worker;
    private static int fileCount;
    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();
    private int cases;
    private volatile String caseName;
    private volatile long caseStarted;
    private double cpuSeconds;
    private double maxCpu;

    @BeforeAll
    static void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "checkpoint-fuzz");
            t.setDaemon(true);   // a hung case must not keep the test JVM alive
            return t;
        });
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    /** What a case expects of a successful load, beyond the sanity checks every load gets. */
    interface Expectation {
        /** Null if the load is right, else what is wrong. */
        String check(Checkpoint loaded);
    }

    /**
     * Runs one case on the calling (worker) thread: the file must load (and pass {@code expected}) or
     * be refused with a CheckpointException, within {@link #CASE_CPU_SECONDS} of this thread's CPU.
     * The test thread watches {@link #caseStarted} for a hang.
     */
    private void run(String name, byte[] bytes, String suffix, Expectation expected, boolean mustRefuse) throws Exception {
        cases++;
        Path file = Files.write(dir.resolve("case" + fileCount++ + suffix), bytes);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        caseName = name;
        caseStarted = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        Object outcome;
        try {
            outcome = StateDicts.read(file);
        } catch (Throwable t) {
            outcome = t;
        }
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        caseStarted = 0;
        cpuSeconds += cpu;
        maxCpu = Math.max(maxCpu, cpu);
        if (cpu > CASE_CPU_SECONDS) {
            failures.add(name + ": took " + cpu + " s of CPU");
        }
        if (outcome instanceof CheckpointException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith(file.toString())) {
                failures.add(name + ": a CheckpointException whose message does not start with the file: " + e.getMessage());
            }
        } else if (outcome instanceof Throwable t) {
            failures.add(name + ": " + t + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : ""));
        } else {
            Checkpoint c = (Checkpoint) outcome;
            String wrong = mustRefuse ? "loaded, but should be refused" : sane(c);
            if (wrong == null && expected != null) {
                wrong = expected.check(c);
            }
            if (wrong != null) {
                failures.add(name + ": " + wrong);
            }
        }
        Files.delete(file);
    }

    /** Every loaded tensor's shape multiplies, exactly, to its element count. */
    private static String sane(Checkpoint c) {
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            int[] shape = e.getValue().shapeArray();
            BigInteger n = BigInteger.ONE;
            for (int s : shape) {
                if (s < 0) {
                    return "tensor '" + e.getKey() + "' has shape " + Arrays.toString(shape);
                }
                n = n.multiply(BigInteger.valueOf(s));
            }
            if (!n.equals(BigInteger.valueOf(e.getValue().numel()))) {
                return "tensor '" + e.getKey() + "' has shape " + Arrays.toString(shape) + " but " + e.getValue().numel() + " elements";
            }
        }
        return null;
    }

    @Test
    void hostileVariationsOfTheFixturesEndInALoadOrACheckpointException() throws Exception {
        long start = System.nanoTime();
        // all cases on one worker thread, watched from here: one hand-over, not one per case
        Future<?> all = worker.submit(() -> {
            allCases();
            return null;
        });
        while (true) {
            try {
                all.get(100, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                long started = caseStarted;
                if (started != 0 && System.nanoTime() - started > HANG_SECONDS * 1_000_000_000L) {
                    all.cancel(true);
                    throw new AssertionError("fuzz case hung (no result after " + HANG_SECONDS + " s): " + caseName);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("CheckpointFuzzTest: %d cases (seed %d) in %.1f s, %d failures%n", cases, SEED, seconds, failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " cases failed (seed " + SEED + "):\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertTrue(cases >= 3000, "only " + cases + " cases");
    }

    private void allCases() throws Exception {
        lapStart = System.nanoTime();
        lapCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        views(500);
        lap("views");
        for (String name : TORCH_FIXTURES) {
            Path path = PyTorchFixturesTest.fixture(name);
            byte[] bytes = Files.readAllBytes(path);
            Map<String, byte[]> records = HostileFiles.records(path);
            byte[] pickle = records.entrySet().stream().filter(e -> e.getKey().endsWith("/data.pkl")).findFirst().orElseThrow().getValue();
            wholeFile(name, bytes, ".pt", 30, 30);
            pickles(name, records, pickle);
        }
        for (String name : SAFETENSORS_FIXTURES) {
            byte[] bytes = Files.readAllBytes(PyTorchFixturesTest.fixture(name));
            wholeFile(name, bytes, ".safetensors", 30, 40);
            headers(name, bytes, 50);
        }
        lap("fixtures");
        floods();
        lap("floods");
    }

    private long lapStart = System.nanoTime();
    private int lapCases;
    private long lapCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();

    private void lap(String what) {
        long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        System.out.printf("CheckpointFuzzTest: %s: %d cases in %.1f s, %.1f s CPU (reading: %.1f s, at most %.3f s a case)%n",
                what, cases - lapCases, (System.nanoTime() - lapStart) / 1e9, (threadCpu - lapCpu) / 1e9, cpuSeconds, maxCpu);
        lapCpu = threadCpu;
        cpuSeconds = 0;
        maxCpu = 0;
        lapStart = System.nanoTime();
        lapCases = cases;
    }

    // ------------------------------------------------------------------ generated views, with an oracle

    private long field(double smallChance, int smallBound) {
        return random.nextDouble() < smallChance ? random.nextInt(smallBound) : EXTREMES[random.nextInt(EXTREMES.length)];
    }

    /** One-tensor archives with extreme sizes, strides, offsets and storage sizes, checked against BigInteger arithmetic. */
    private void views(int n) throws Exception {
        view("issue 24: sizes 65536^4", STORAGE, 0, new long[]{65536, 65536, 65536, 65536},
                new long[]{1L << 48, 1L << 32, 65536, 1});
        view("issue 24: stride 2^62", STORAGE, 0, new long[]{3}, new long[]{1L << 62});
        for (int i = 0; i < n; i++) {
            int ndim = random.nextInt(5);
            long[] size = new long[ndim];
            long[] stride = new long[random.nextInt(20) == 0 ? random.nextInt(5) : ndim];
            for (int d = 0; d < ndim; d++) {
                size[d] = field(0.6, 5);
            }
            for (int d = 0; d < stride.length; d++) {
                stride[d] = field(0.6, 9);
            }
            long numel = random.nextInt(4) == 0 ? field(0.5, 40) : STORAGE;
            view("view " + i, numel, field(0.7, 30), size, stride);
        }
    }

    private void view(String name, long storageNumel, long offset, long[] size, long[] stride) throws Exception {
        byte[] archive = HostileFiles.archive(HostileFiles.oneTensor("w", storageNumel, offset, size, stride),
                Map.of("0", HostileFiles.floats(STORAGE)));
        String label = name + " (storage " + storageNumel + ", offset " + offset + ", size " + Arrays.toString(size)
                + ", stride " + Arrays.toString(stride) + ")";
        BigInteger[] positions = positions(storageNumel, offset, size, stride);
        run(label, archive, ".pt", loaded -> {
            Tensor w = loaded.tensors().get("w");
            if (w.numel() != positions.length) {
                return "loaded " + w.numel() + " elements instead of " + positions.length;
            }
            for (int i = 0; i < positions.length; i++) {
                double want = positions[i].intValueExact() + 0.5;
                if (w.getFlat(i) != want) {
                    return "element " + i + " is " + w.getFlat(i) + " instead of storage element " + positions[i];
                }
            }
            return null;
        }, positions == null);
    }

    /**
     * The storage positions of the view's elements in row-major order, or null if the file must be
     * refused: a storage record that does not hold its declared size, mismatched sizes and strides,
     * a negative size or stride, a size or element count beyond an int, or an element outside the storage.
     */
    private static BigInteger[] positions(long storageNumel, long offset, long[] size, long[] stride) {
        if (storageNumel != STORAGE || size.length != stride.length) {
            return null;
        }
        BigInteger numel = BigInteger.ONE;
        BigInteger last = BigInteger.valueOf(offset);
        for (int d = 0; d < size.length; d++) {
            if (size[d] < 0 || stride[d] < 0 || size[d] > Integer.MAX_VALUE) {
                return null;
            }
            numel = numel.multiply(BigInteger.valueOf(size[d]));
            last = last.add(BigInteger.valueOf(size[d] - 1).multiply(BigInteger.valueOf(stride[d])));
        }
        if (numel.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            return null;
        }
        int n = numel.intValueExact();
        if (n == 0) {
            return new BigInteger[0];
        }
        if (offset < 0 || last.compareTo(BigInteger.valueOf(storageNumel)) >= 0) {
            return null;
        }
        BigInteger[] out = new BigInteger[n];
        int[] index = new int[size.length];
        for (int i = 0; i < n; i++) {
            BigInteger p = BigInteger.valueOf(offset);
            for (int d = 0; d < size.length; d++) {
                p = p.add(BigInteger.valueOf(index[d]).multiply(BigInteger.valueOf(stride[d])));
            }
            out[i] = p;
            for (int d = size.length - 1; d >= 0 && ++index[d] == size[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ whole files

    private void wholeFile(String name, byte[] bytes, String suffix, int truncations, int flips) throws Exception {
        for (int i = 0; i < truncations; i++) {
            int at = random.nextInt(bytes.length);
            run(name + " truncated to " + at + " bytes", Arrays.copyOf(bytes, at), suffix, null, false);
        }
        for (int i = 0; i < flips; i++) {
            byte[] b = bytes.clone();
            int at = random.nextInt(b.length);
            b[at] ^= (byte) (1 + random.nextInt(255));
            run(name + " byte " + at + " flipped", b, suffix, null, false);
        }
    }

    // ------------------------------------------------------------------ pickles, re-zipped so that only the pickle is wrong

    private void pickles(String name, Map<String, byte[]> records, byte[] pickle) throws Exception {
        List<Integer> starts = HostileFiles.instructionStarts(pickle);
        for (int i = 0; i < 25; i++) {
            int at = random.nextInt(pickle.length);
            run(name + " data.pkl truncated to " + at, HostileFiles.withPickle(records, Arrays.copyOf(pickle, at)), ".pt", null, false);
        }
        for (int i = 0; i < 60; i++) {
            byte[] p = pickle.clone();
            int at = random.nextInt(p.length);
            p[at] ^= (byte) (1 << random.nextInt(8));
            run(name + " data.pkl byte " + at + " flipped", HostileFiles.withPickle(records, p), ".pt", null, false);
        }
        List<Integer> integers = starts.stream().filter(s -> "JKM\u008a".indexOf((char) (pickle[s] & 0xff)) >= 0).toList();
        for (int i = 0; i < 50; i++) {
            int which = random.nextInt(integers.size());
            long value = EXTREMES[random.nextInt(EXTREMES.length)];
            byte[] p = splice(pickle, starts, integers.get(which), true, new HostileFiles.Pickle().integer(value).bytes());
            run(name + " data.pkl integer " + which + " set to " + value, HostileFiles.withPickle(records, p), ".pt", null, false);
        }
        // one string for another: a storage key, a dtype name or a tensor key swapped
        List<Integer> strings = starts.stream().filter(s -> "X\u008cU".indexOf((char) (pickle[s] & 0xff)) >= 0).toList();
        for (int i = 0; i < 25; i++) {
            int at = strings.get(random.nextInt(strings.size()));
            int from = strings.get(random.nextInt(strings.size()));
            int fromEnd = starts.indexOf(from) + 1 < starts.size() ? starts.get(starts.indexOf(from) + 1) : pickle.length;
            byte[] p = splice(pickle, starts, at, true, Arrays.copyOfRange(pickle, from, fromEnd));
            run(name + " data.pkl string at " + at + " replaced by the one at " + from, HostileFiles.withPickle(records, p),
                    ".pt", null, false);
        }
        for (int i = 0; i < 110; i++) {
            int at = starts.get(random.nextInt(starts.size()));
            boolean replace = random.nextBoolean();
            byte[] snippet = snippet();
            byte[] p = splice(pickle, starts, at, replace, snippet);
            run(name + " data.pkl " + (replace ? "instruction at " + at + " replaced by " : "inserted at " + at + ": ")
                    + Arrays.toString(snippet), HostileFiles.withPickle(records, p), ".pt", null, false);
        }
    }

    /** {@code pickle} with {@code snippet} inserted before, or replacing, the instruction at {@code at}. */
    private static byte[] splice(byte[] pickle, List<Integer> starts, int at, boolean replace, byte[] snippet) {
        int i = starts.indexOf(at);
        int end = replace ? (i + 1 < starts.size() ? starts.get(i + 1) : pickle.length) : at;
        byte[] out = new byte[at + snippet.length + pickle.length - end];
        System.arraycopy(pickle, 0, out, 0, at);
        System.arraycopy(snippet, 0, out, at, snippet.length);
        System.arraycopy(pickle, end, out, at + snippet.length, pickle.length - end);
        return out;
    }

    /** An instruction or short sequence to splice: None, empty containers, builders, memo references, self-references. */
    private byte[] snippet() {
        String[] simple = {"N", ")", "}", "]", "K\u0000", "\u0088", "\u0085", "\u0086", "\u0087", "t", "(", "s", "a", "u",
                "e", "R", "b", "Q", "\u0081", "\u0093", "\u0094", "NN\u0086", "(N\u0085t",
                // d = {}; d[d] = d twice: the second put hashes a dict that contains itself
                "}q\u00f0h\u00f0h\u00f0sh\u00f0h\u00f0s",
                // l = []; l.append(l); {l: 1}
                "]q\u00f1h\u00f1a}h\u00f1K\u0001s",
                // a tuple holding a list that holds the tuple, as a key
                "]q\u00f2h\u00f2\u0085q\u00f3h\u00f2h\u00f3a0}h\u00f3K\u0001s",
                // a string claiming 2 GB, and a LONG1 claiming 255 bytes
                "X\u00ff\u00ff\u00ff\u007f", "\u008a\u00ff"};
        int k = random.nextInt(simple.length + 2);
        if (k == simple.length) {
            return new byte[]{'h', (byte) random.nextInt(12)};   // BINGET: the same object twice, often a container into itself
        }
        if (k == simple.length + 1) {
            return new byte[]{'q', (byte) random.nextInt(12)};   // BINPUT: overwrite a memo entry
        }
        return simple[k].getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ safetensors headers

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    /** The file with one number of its JSON header (a shape or an offset) set to an extreme, the length kept right. */
    private void headers(String name, byte[] bytes, int n) throws Exception {
        int headerLength = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, headerLength, StandardCharsets.UTF_8);
        List<int[]> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(header);
        while (m.find()) {
            numbers.add(new int[]{m.start(), m.end()});
        }
        String[] values = {"0", "1", "65536", "2147483647", "2147483648", "4294967296", "4611686018427387904",
                "9223372036854775807", "9223372036854775808", "-1", "-9223372036854775808", "1e400", "[]", "null"};
        for (int i = 0; i < n; i++) {
            int[] at = numbers.get(random.nextInt(numbers.size()));
            String value = values[random.nextInt(values.length)];
            String h = header.substring(0, at[0]) + value + header.substring(at[1]);
            byte[] json = h.getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(json.length).put(json).put(bytes, 8 + headerLength, bytes.length - 8 - headerLength);
            run(name + " header number at " + at[0] + " set to " + value, out.array(), ".safetensors", null, false);
        }
    }

    // ------------------------------------------------------------------ floods of 1.2 MB: one-byte ones run past the object, stack and memo budgets (PickleFloodTest has the 99 MB ones)

    private void floods() throws Exception {
        for (PickleFloodTest.Flood f : PickleFloodTest.floods()) {
            Path file = dir.resolve("flood.pt");
            HostileFiles.flood(file, f.prefix(), f.unit(), 1_200_000);
            run("flood " + f.name(), Files.readAllBytes(file), ".pt", null, true);
        }
    }

}
