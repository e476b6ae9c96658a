package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * returns the first run's lines instead of starting another JVM.
 */
public final class ChildJvm {
    private static final Map<List<String>, List<String>> RUNS = new ConcurrentHashMap<>();

    private ChildJvm() {
    }

    /**
     * @param main       the class whose {@code main} to run
     * @param jvmOptions options for the child, e.g. {@code -XX:ActiveProcessorCount=1}
     * @param args       the probe's arguments
     * @return stdout's non-blank lines; fails the test if the child fails or takes over 120 s
     */
    public static List<String> run(Class<?> main, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> key = new ArrayList<>(jvmOptions);
        key.add(main.getName());
        key.addAll(List.of(args));
        List<String> earlier = RUNS.get(key);
        if (earlier != null) {
            return earlier;
        }
        List<String> lines = start(main, jvmOptions, args);
        RUNS.put(key, lines);
        return lines;
    }

    private static List<String> start(Class<?> main, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish: " + cmd);
        assertEquals(0, p.exitValue(), "probe failed (" + String.join(" ", jvmOptions) + "): " + out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
