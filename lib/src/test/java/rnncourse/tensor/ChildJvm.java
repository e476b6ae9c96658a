package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * For tests: runs a probe's {@code main} in a child JVM of this JDK, with this class path and the
 * Vector API module (as the course kernel has it), and returns its non-blank output lines.
 *
 * <p>A probe computes the same lines for the same options and arguments (that is what the tests
 * that use it check, across options), so a second run with identical ones in the same test JVM
 * returns the first run's lines instead of starting another JVM. For the same reason probes with
 * the same options may share one child: the JVM options in {@link #SHARED} start one JVM that runs
 * every probe listed for them, one after the other, the first time any of them is asked for (the
 * reproducibility tests of the training, the OpenBLAS plans and the fixed-order product use the
 * same core counts and vector widths; a JVM start and the library's loading cost more than most
 * probes). A probe asked for with other options or arguments runs in a JVM of its own.
 */
public final class ChildJvm {
    /** The training probe, with CoreCountReproducibilityTest's steps. */
    private static final List<String> TRAINING = List.of("rnncourse.nn.CoreCountProbe", "3");
    private static final List<String> OPENBLAS_PLANS = List.of("rnncourse.tensor.gemm.GemmPlanProbe");
    private static final List<String> FIXED_ORDER = List.of("rnncourse.tensor.gemm.FixedOrderGemmProbe");
    private static final String REPRO = "-Drnncourse.openblas.coretype=repro";
    private static final String ONE_CORE = "-XX:ActiveProcessorCount=1";
    private static final String TWO_CORES = "-XX:ActiveProcessorCount=2";
    /** Option lists whose probes share a JVM: options → the probes (class name, then arguments). */
    private static final Map<List<String>, List<List<String>>> SHARED = Map.of(
            List.of(ONE_CORE), List.of(TRAINING, OPENBLAS_PLANS),
            List.of(TWO_CORES), List.of(TRAINING, OPENBLAS_PLANS),
            List.of(REPRO, ONE_CORE), List.of(TRAINING, FIXED_ORDER),
            List.of(REPRO, TWO_CORES, "-Drnncourse.gemm.vectorBits=512"), List.of(TRAINING, FIXED_ORDER),
            List.of(REPRO, TWO_CORES, "-Drnncourse.gemm.vectorBits=256"), List.of(TRAINING, FIXED_ORDER),
            List.of(REPRO, TWO_CORES, "-Drnncourse.gemm.vectorBits=0"), List.of(TRAINING, FIXED_ORDER));
    /** Marks the start of a probe's output in a shared child: the marker, then the probe's index. */
    private static final String MARK = "@@childjvm-probe ";

    private static final Map<List<String>, List<String>> RUNS = new ConcurrentHashMap<>();

    private ChildJvm() {
    }

    /**
     * @param main       the class whose {@code main} to run
     * @param jvmOptions options for the child, e.g. {@code -XX:ActiveProcessorCount=1}
     * @param args       the probe's arguments
     * @return stdout's non-blank lines; fails the test if the child fails or takes over 120 s
     */
    public static synchronized List<String> run(Class<?> main, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> probe = new ArrayList<>();
        probe.add(main.getName());
        probe.addAll(List.of(args));
        List<String> key = key(jvmOptions, probe);
        List<String> earlier = RUNS.get(key);
        if (earlier != null) {
            return earlier;
        }
        List<List<String>> probes = SHARED.getOrDefault(jvmOptions, List.of());
        if (!probes.contains(probe)) {
            probes = List.of(probe);
        }
        List<String> childArgs = new ArrayList<>();
        for (List<String> p : probes) {
            childArgs.add(String.join("\u0001", p));
        }
        List<String> lines = start(jvmOptions, childArgs);
        List<List<String>> outputs = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(MARK)) {
                outputs.add(new ArrayList<>());
            } else {
                assertFalse(outputs.isEmpty(), "child output before its first probe: " + line);
                outputs.get(outputs.size() - 1).add(line);
            }
        }
        assertEquals(probes.size(), outputs.size(), "probes run in the child (" + probes + "): " + lines);
        for (int i = 0; i < probes.size(); i++) {
            RUNS.put(key(jvmOptions, probes.get(i)), List.copyOf(outputs.get(i)));
        }
        return RUNS.get(key);
    }

    private static List<String> key(List<String> jvmOptions, List<String> probe) {
        List<String> key = new ArrayList<>(jvmOptions);
        key.add("--");
        key.addAll(probe);
        return key;
    }

    private static List<String> start(List<String> jvmOptions, List<String> probes)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        // a probe's bits do not depend on the collector; the serial one starts and stops cheapest
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildJvm.class.getName());
        cmd.addAll(probes);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish: " + cmd);
        assertEquals(0, p.exitValue(), "probe failed (" + String.join(" ", jvmOptions) + "): " + out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * The child's side: each argument is one probe (its class name and arguments, separated by
     * U+0001); runs their {@code main}s in order, each after a marker line.
     */
    public static void main(String[] probes) throws Exception {
        for (int i = 0; i < probes.length; i++) {
            String[] parts = probes[i].split("\u0001", -1);
            System.out.println(MARK + i);
            System.out.flush();
            Class.forName(parts[0]).getMethod("main", String[].class)
                    .invoke(null, (Object) java.util.Arrays.copyOfRange(parts, 1, parts.length));
            System.out.flush();
        }
    }
}
