package rnncourse.kernel.exec;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stop checks cost a tight numeric loop written in a cell: the same class, compiled
 * once, is loaded twice, as written and as {@link SnippetInstrumenter} rewrites it, and both run
 * alternately in one JVM (so a busy machine slows both alike); prints the median time of each and
 * their ratio. Not a unit test (timings): run it by hand, see kernel/README.md.
 *
 * <pre>java -cp kernel/target/classes:kernel/target/test-classes:ASM_JAR rnncourse.kernel.exec.StopCheckCost [rounds]</pre>
 */
public final class StopCheckCost {
    /** Rounds run first and dropped, so both variants are compiled by C2 before they are timed. */
    private static final int WARMUP = 10;
    /** Loops a student might write in a cell; each returns a number so nothing is optimised away. */
    static final String LOOPS = String.join("\n",
            "public class Loops {",
            "  public static double dot(double[] a, double[] b) {",
            "    double s = 0; for (int i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }",
            "  public static long sumInts(int[] a) {",
            "    long s = 0; for (int i = 0; i < a.length; i++) s += a[i]; return s; }",
            "  public static double matmul(double[] a, double[] b, double[] c, int n) {",
            "    for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) { double aik = a[i * n + k];",
            "      for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j]; }",
            "    return c[n * n - 1]; }",
            "  public static double logistic(int steps) {",
            "    double x = 0.3; for (int i = 0; i < steps; i++) x = 3.9 * x * (1 - x); return x; }",
            "}");

    private StopCheckCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        byte[] original = InMemoryJavac.compile("Loops", LOOPS);
        byte[] instrumented = SnippetInstrumenter.instrument(original);
        Class<?> plain = new InMemoryJavac.ByteLoader().define("Loops", original);
        Class<?> checked = new InMemoryJavac.ByteLoader().define("Loops", instrumented);

        int n = 1 << 20;
        double[] a = new double[n];
        double[] b = new double[n];
        int[] ints = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.sin(i);
            b[i] = Math.cos(i);
            ints[i] = i * 31;
        }
        int m = 160;
        double[] ma = Arrays.copyOf(a, m * m);
        double[] mb = Arrays.copyOf(b, m * m);
        Map<String, Runnable[]> cases = new TreeMap<>();
        for (Class<?> c : List.of(plain, checked)) {
            int variant = c == plain ? 0 : 1;
            Method dot = c.getMethod("dot", double[].class, double[].class);
            Method sum = c.getMethod("sumInts", int[].class);
            Method mm = c.getMethod("matmul", double[].class, double[].class, double[].class, int.class);
            Method lg = c.getMethod("logistic", int.class);
            put(cases, "dot product, 2^20 doubles x 20", variant, () -> repeat(20, () -> dot.invoke(null, a, b)));
            put(cases, "int sum, 2^20 ints x 20", variant, () -> repeat(20, () -> sum.invoke(null, (Object) ints)));
            put(cases, "naive matmul 160x160 x 2", variant, () -> repeat(2, () -> mm.invoke(null, ma, mb, new double[m * m], m)));
            put(cases, "logistic map, 2e7 steps", variant, () -> repeat(1, () -> lg.invoke(null, 20_000_000)));
        }
        System.out.printf("%-34s %12s %12s %8s%n", "loop (median of " + rounds + ")", "as written", "with checks", "ratio");
        for (Map.Entry<String, Runnable[]> e : cases.entrySet()) {
            long[][] times = new long[2][rounds + WARMUP];
            for (int r = 0; r < rounds + WARMUP; r++) { // the first rounds warm the JIT and are dropped
                for (int v = 0; v < 2; v++) {
                    int which = (r % 2 == 0) ? v : 1 - v; // alternate which variant runs first
                    long t0 = System.nanoTime();
                    e.getValue()[which].run();
                    times[which][r] = System.nanoTime() - t0;
                }
            }
            double plainMs = median(times[0]) / 1e6;
            double checkedMs = median(times[1]) / 1e6;
            System.out.printf("%-34s %10.2f ms %10.2f ms %8.3f%n", e.getKey(), plainMs, checkedMs, checkedMs / plainMs);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void repeat(int times, Call call) {
        try {
            for (int i = 0; i < times; i++) {
                call.run();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(Map<String, Runnable[]> cases, String name, int variant, Runnable run) {
        cases.computeIfAbsent(name, k -> new Runnable[2])[variant] = run;
    }

    private static double median(long[] withWarmup) {
        long[] t = Arrays.copyOfRange(withWarmup, WARMUP, withWarmup.length);
        Arrays.sort(t);
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2.0;
    }

}
