package rnncourse.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How {@code make bench} times a step, shared by the library's benchmark ({@link TrainStepBench})
 * and the Deeplearning4j peer (module {@code bench-dl4j}), so that both report the same statistic:
 * a fixed warm-up (JIT compilation, native loading, pools and workspaces), then every step timed on
 * its own and the median reported, because the machine is shared and a mean would carry other
 * tenants' noise.
 */
public final class StepTimer {
    /** Seconds of warm-up and of measurement per workload. */
    private static double warmupSeconds = 3;
    private static double measureSeconds = 5;

    private StepTimer() {
    }

    /** One training step of a model: everything from zero_grad to the optimizer step. */
    public interface Step {
        /** Runs the step and returns the loss (so nothing can be optimized away). */
        double run();
    }

    /** A workload ready to time: its step and the number of parameters of its model. */
    public record Workload(String name, long parameters, Step step) {
    }

    /**
     * Reads a benchmark's arguments, {@code [--quick] [--only key,key,...]}: {@code --quick} shortens
     * the warm-up and measurement to 1 s and 1.5 s (from 3 s and 5 s). Exits with status 2 on others
     * than these and the program's own {@code flags}, which it leaves to the caller.
     *
     * @return the keys {@code --only} asks for, or null for all
     */
    public static List<String> parseArgs(String program, String[] args, String... flags) {
        List<String> only = null;
        for (int i = 0; i < args.length; i++) {
            if (Arrays.asList(flags).contains(args[i])) {
                continue;
            }
            switch (args[i]) {
                case "--quick" -> {
                    warmupSeconds = 1;
                    measureSeconds = 1.5;
                }
                case "--only" -> only = Arrays.asList(args[++i].split(","));
                default -> {
                    System.err.println("usage: " + program + " [--quick] [--only key,key,...]"
                            + (flags.length > 0 ? " [" + String.join("] [", flags) + "]" : "") + "; unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        return only;
    }

    /** Whether {@code key} is asked for ({@code only} null: every key is). */
    public static boolean wanted(List<String> only, String key) {
        return only == null || only.contains(key);
    }

    /**
     * Builds and times, in order, each workload that {@code only} asks for: its median step goes into
     * {@code results} under its key (in microseconds for a key ending in {@code _us}, else
     * milliseconds), its parameter count into {@code parameters} under its name.
     *
     * @param workloads result key to the workload's builder
     */
    public static void timeSteps(Map<String, Supplier<Workload>> workloads, List<String> only,
                                 Map<String, Double> results, Map<String, Long> parameters) {
        workloads.forEach((key, build) -> {
            if (wanted(only, key)) {
                Workload w = build.get();
                parameters.put(w.name(), w.parameters());
                double ms = medianMillis(w.name(), w.step());
                results.put(key, key.endsWith("_us") ? ms * 1000 : ms);
            }
        });
    }

    /** Median milliseconds of one step after the warm-up; prints a {@code #} line with the details. */
    public static double medianMillis(String name, Step step) {
        double sink = 0;
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warm = 0;
        while (System.nanoTime() < end || warm < 5) {
            sink += step.run();
            warm++;
        }
        List<Double> times = new ArrayList<>();
        long cpu0 = processCpuNanos();
        end = System.nanoTime() + (long) (measureSeconds * 1e9);
        while (System.nanoTime() < end || times.size() < 11) {
            long t0 = System.nanoTime();
            sink += step.run();
            times.add((System.nanoTime() - t0) / 1e6);
        }
        double cpuPerStep = (processCpuNanos() - cpu0) / 1e6 / times.size();
        double median = median(times);
        System.out.printf(Locale.ROOT, "# %-10s median %.4f ms over %d steps (min %.4f, process CPU %.4f ms a step, "
                        + "after %d warm-up steps; loss sum %.3g)%n",
                name, median, times.size(), times.stream().mapToDouble(d -> d).min().orElse(0), cpuPerStep, warm, sink);
        return median;
    }

    /** {@code n} class labels in [0, numClasses) from java.util.Random(seed): the same draws in every benchmark. */
    public static int[] randomClasses(int n, int numClasses, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextInt(numClasses);
        }
        return c;
    }

    /** The results as one JSON object, 4 significant digits (the line {@code scripts/bench.sh} reads). */
    public static String json(Map<String, ? extends Number> results) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, ? extends Number> e : results.entrySet()) {
            json.append(json.length() > 1 ? ", " : "").append('"').append(e.getKey()).append("\": ")
                    .append(e.getValue() instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : e.getValue());
        }
        return json.append('}').toString();
    }

    /** CPU time of the whole process (all threads, including BLAS's), -1 when unknown. */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(d -> d).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }
}
