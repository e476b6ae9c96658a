package rnncourse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opcode floods: a data.pkl of ~100 MB (the reader's byte limit) of one short instruction repeated,
 * which deflates to ~100 KB. Each must end in a {@link CheckpointException} within 1 s on a 1 GB
 * heap. Surefire's JVM has a larger heap, so the floods run in a JVM of their own started with
 * {@code -Xmx1g}: the {@link #main} of this class, which prints one line per flood.
 */
class PickleFloodTest {
    /** The per-file limit of issue 24. */
    static final double LIMIT_SECONDS = 1.0;
    static final long FLOOD_BYTES = 99_000_000L;
    /** Wall time that counts as a hang whatever the machine's load. */
    static final double HANG_SECONDS = 10.0;

    /** A flood: what comes after PROTO 2 once, and the instruction repeated. */
    record Flood(String name, byte[] prefix, byte[] unit) {
        Flood(String name, String prefix, String unit) {
            this(name, prefix.getBytes(StandardCharsets.ISO_8859_1), unit.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    static List<Flood> floods() {
        return List.of(
                new Flood("EMPTY_LIST", "", "]"),
                new Flood("EMPTY_DICT", "", "}"),
                new Flood("EMPTY_TUPLE", "", ")"),
                new Flood("NONE", "", "N"),
                new Flood("NEWTRUE", "", "\u0088"),
                new Flood("MARK", "", "("),
                new Flood("MEMOIZE", "N", "\u0094"),
                new Flood("TUPLE1", "N", "\u0085"),
                new Flood("PROTO", "", "\u0080\u0002"),
                new Flood("FRAME", "", "\u0095\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"),
                new Flood("BINGET+APPEND", "]q\u0000", "h\u0000a"),
                new Flood("NONE+APPEND", "]", "Na"),
                new Flood("MARK+SETITEMS", "}", "(u"),
                new Flood("BININT1+SETITEM", "}", "K\u0001K\u0001s"),
                new Flood("BINGET+SETITEM of a self key", "}q\u0000", "h\u0000h\u0000s"),
                new Flood("GLOBAL os.system", "", "cos\nsystem\n"),
                new Flood("NONE+BUILD on a refused name", "cos\nsystem\n", "Nb"));
    }

    /**
     * Runs every flood on this JVM's heap and prints "name, CPU seconds of the reading thread, wall
     * seconds, exception class and message". The bound is on CPU time: on a shared machine wall time
     * measures the other processes too (load averages of 20 on 2 cores happen here).
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("floods");
        try {
            for (Flood f : floods()) {
                Path file = dir.resolve("flood.pt");
                HostileFiles.flood(file, f.prefix(), f.unit(), FLOOD_BYTES);
                System.gc();
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                String outcome;
                try {
                    StateDicts.read(file);
                    outcome = "LOADED";
                } catch (Throwable t) {
                    outcome = t.getClass().getName() + " " + String.valueOf(t.getMessage()).replace('\n', ' ');
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                System.out.printf("FLOOD\t%s\t%.3f\t%.3f\t%s%n", f.name(), cpu, seconds, outcome);
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void everyFloodIsRefusedWithinASecondOnA1GbHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                PickleFloodTest.class.getName()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the flood JVM did not finish");
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        List<String> results = lines.stream().filter(l -> l.startsWith("FLOOD\t")).toList();
        assertEquals(floods().size(), results.size(), String.join("\n", lines));
        List<String> bad = new ArrayList<>();
        for (String r : results) {
            String[] f = r.split("\t", 5);
            System.out.println("PickleFloodTest: " + f[1] + " " + f[2] + " s CPU, " + f[3] + " s wall: " + f[4]);
            if (!f[4].startsWith(CheckpointException.class.getName() + " ") || Double.parseDouble(f[2]) > LIMIT_SECONDS
                    || Double.parseDouble(f[3]) > HANG_SECONDS) {
                bad.add(r);
            }
        }
        assertTrue(bad.isEmpty(), "floods not refused within " + LIMIT_SECONDS + " s of CPU (" + HANG_SECONDS
                + " s wall) on -Xmx1g:\n" + String.join("\n", bad));
    }
}
