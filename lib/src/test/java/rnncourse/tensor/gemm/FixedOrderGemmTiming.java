package rnncourse.tensor.gemm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the float32 products the four bench workloads issue (logged once from
 * {@code TrainStepBench}; bench/RESULTS.md), each by {@link FixedOrderGemm}'s packed route, its
 * direct route, and {@link Gemm}'s native plan, alternating the three round by round; prints the
 * median CPU time of the calling thread per product. Run it with
 * {@code -Drnncourse.parallel=false} (one thread, so the CPU time is the whole cost) and the
 * OpenBLAS mode to compare against ({@code -Drnncourse.openblas.coretype=auto} or {@code avx2}).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp lib/target/test-classes:... rnncourse.tensor.FixedOrderGemmTiming [rounds]}.
 */
public final class FixedOrderGemmTiming {
    /** m, n, k, transA, transB, resident B, beta, and the workload and products per step. */
    record Shape(int m, int n, int k, boolean transA, boolean transB, boolean resident, float beta, String workload,
                 int perStep) {
        @Override
        public String toString() {
            return m + "x" + n + "x" + k + (transA ? " tA" : "") + (transB ? " tB" : "") + (resident ? " resB" : "")
                    + (beta != 0f ? " beta=" + beta : "");
        }
    }

    static final List<Shape> SHAPES = List.of(
            new Shape(50, 128, 512, false, false, true, 0f, "lstm_mnist", 112),
            new Shape(50, 512, 128, false, false, true, 0f, "lstm_mnist", 112),
            new Shape(2800, 512, 28, false, true, false, 0f, "lstm_mnist", 1),
            new Shape(2800, 128, 512, false, false, false, 1f, "lstm_mnist", 1),
            new Shape(2800, 512, 128, false, true, false, 0f, "lstm_mnist", 1),
            new Shape(512, 128, 2800, true, false, false, 0f, "lstm_mnist", 3),
            new Shape(512, 28, 2800, true, false, false, 0f, "lstm_mnist", 1),
            new Shape(100, 10, 128, false, true, false, 1f, "lstm_mnist", 1),
            new Shape(100, 128, 10, false, false, false, 0f, "lstm_mnist", 1),
            new Shape(10, 128, 100, true, false, false, 0f, "lstm_mnist", 1),
            new Shape(85, 25, 25, false, false, true, 0f, "charrnn", 80),
            new Shape(1700, 25, 25, false, false, false, 0f, "charrnn", 1),
            new Shape(1700, 25, 25, false, false, false, 1f, "charrnn", 1),
            new Shape(1700, 25, 25, false, true, false, 0f, "charrnn", 2),
            new Shape(1700, 25, 25, false, true, false, 1f, "charrnn", 1),
            new Shape(25, 25, 1700, true, false, false, 0f, "charrnn", 5),
            new Shape(253, 40, 10, false, false, true, 0f, "stock", 2),
            new Shape(253, 10, 40, false, false, true, 0f, "stock", 2),
            new Shape(3535, 40, 5, false, true, false, 0f, "stock", 1),
            new Shape(40, 10, 3535, true, false, false, 0f, "stock", 1),
            new Shape(40, 5, 3535, true, false, false, 0f, "stock", 1),
            new Shape(100, 512, 156, false, true, false, 0f, "gemm", 1),
            new Shape(1024, 1024, 1024, false, true, false, 0f, "gemm", 1));

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FixedOrderGemmTiming() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String[] ways = {"packed", "direct", "native"};
        System.out.println("# " + FixedOrderGemm.describe() + "; " + Gemm.backendInfo() + "; route(auto) per shape below");
        System.out.printf("%-26s %-10s %6s %10s %10s %10s %8s %8s%n", "shape", "workload", "route", "packed us",
                "direct us", "native us", "auto/nat", "per step");
        for (Shape s : SHAPES) {
            double[][] times = new double[ways.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int w = 0; w < ways.length; w++) {
                    times[w][r] = time(s, ways[w]);
                }
            }
            double[] med = new double[ways.length];
            for (int w = 0; w < ways.length; w++) {
                Arrays.sort(times[w]);
                med[w] = times[w][rounds / 2] / 1e3;
            }
            FixedOrderGemm.Route route = FixedOrderGemm.route(s.m, s.n, s.k);
            double auto = route == FixedOrderGemm.Route.DIRECT ? med[1] : med[0];
            System.out.printf("%-26s %-10s %6s %10.2f %10.2f %10.2f %8.2f %8d%n", s, s.workload, route, med[0], med[1],
                    med[2], auto / med[2], s.perStep);
        }
    }

    /** The mean CPU nanoseconds of the calling thread per product, over repeats worth about 40 M multiply-adds after as many to warm up. */
    private static double time(Shape s, String way) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = values(rnd, s.m * s.k);
        float[] b = values(rnd, s.k * s.n);
        float[] c0 = values(rnd, s.m * s.n);
        float[] c = c0.clone();
        Runnable product;
        Gemm.Resident resident = s.resident ? Gemm.resident(b, 0, b.length) : null;
        if (way.equals("native")) {
            product = resident != null
                    ? () -> Gemm.sgemm(s.transA, s.transB, s.m, s.n, s.k, a, 0, resident, s.beta, c, 0)
                    : () -> Gemm.sgemm(s.transA, s.transB, s.m, s.n, s.k, a, 0, b, 0, s.beta, c, 0);
        } else {
            FixedOrderGemm.Route route = way.equals("direct") ? FixedOrderGemm.Route.DIRECT : FixedOrderGemm.Route.PACKED;
            float[] prepared = s.resident ? FixedOrderGemm.prepareB(route, s.transB, s.k, s.n, b, 0) : null;
            product = () -> FixedOrderGemm.sgemm(FixedOrderGemm.kernel(), route, s.transA, s.transB, s.m, s.n, s.k, a, 0,
                    b, 0, prepared, s.beta, c, 0);
        }
        long macs = (long) s.m * s.n * s.k;
        int reps = (int) Math.max(3, Math.min(200_000, 40_000_000L / macs));
        for (int i = 0; i < reps; i++) {
            product.run();
        }
        System.arraycopy(c0, 0, c, 0, c.length);
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            product.run();
        }
        long t = THREADS.getCurrentThreadCpuTime() - t0;
        if (resident != null) {
            resident.close();
        }
        return (double) t / reps;
    }

    private static float[] values(SplittableRandom rnd, int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return v;
    }
}
