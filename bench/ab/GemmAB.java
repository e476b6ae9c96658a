package rnncourse.tensor.gemm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The fixed-order product of this checkout against another revision's, in one JVM
 * ({@code scripts/gemm-ab.sh}, which compiles that revision's {@code FixedOrderGemm} and
 * {@code VectorTileKernel} renamed to {@code FixedOrderGemmAgainst} and
 * {@code VectorTileKernelAgainst} beside this class). Not part of the Maven build: it lives in the
 * library's package to reach its package-private classes.
 *
 * <p>Why one JVM: the course's machines change speed within minutes, and separate JVMs alternated
 * (as {@code make bench ROUNDS=N} does) cannot resolve 10 % there; two versions alternated every
 * 0.1 s in one process see the same machine. Both must give the same bits (the product's rule does
 * not change between revisions); a difference is reported and the exit status is 1.
 *
 * <p>Usage: {@code GemmAB m n k layout rounds}, layout one of {@code -}, {@code a}, {@code b},
 * {@code ab} (which operands are stored transposed). Prints one line: both GF/s (medians) and the
 * median, first and third quartile of the time ratio this/against over the rounds (the first three
 * rounds are warm-up).
 */
public final class GemmAB {
    private static final double SLICE_SECONDS = 0.1;

    private GemmAB() {
    }

    public static void main(String[] args) {
        if (args.length != 5 || !args[3].matches("-|a|b|ab")) {
            System.err.println("usage: GemmAB m n k -|a|b|ab rounds");
            System.exit(2);
        }
        int m = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        boolean transA = args[3].contains("a");
        boolean transB = args[3].contains("b");
        int rounds = Integer.parseInt(args[4]);
        float[] a = random(m * k, 1);
        float[] b = random(k * n, 2);
        float[] cThis = new float[m * n];
        float[] cAgainst = new float[m * n];
        Runnable mine = () -> FixedOrderGemm.sgemm(transA, transB, m, n, k, a, 0, b, 0, null, 0f, cThis, 0);
        Runnable theirs = () -> FixedOrderGemmAgainst.sgemm(transA, transB, m, n, k, a, 0, b, 0, null, 0f, cAgainst, 0);
        mine.run();
        theirs.run();
        String shape = m + "x" + n + "x" + k + " " + args[3] + " (" + FixedOrderGemm.route(m, n, k) + ")";
        if (!Arrays.equals(cThis, cAgainst)) {
            System.out.println(shape + ": the two revisions give different bits");
            System.exit(1);
        }
        double flop = 2.0 * m * n * k;
        List<Double> ratios = new ArrayList<>();
        List<Double> gThis = new ArrayList<>();
        List<Double> gAgainst = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double tThis = medianSeconds(mine);
            double tAgainst = medianSeconds(theirs);
            if (round >= 3) {
                ratios.add(tThis / tAgainst);
                gThis.add(flop / tThis / 1e9);
                gAgainst.add(flop / tAgainst / 1e9);
            }
        }
        System.out.printf("%s: this %.1f GF/s, against %.1f GF/s, time this/against %.3f (q1 %.3f, q3 %.3f)%n", shape,
                quantile(gThis, 0.5), quantile(gAgainst, 0.5), quantile(ratios, 0.5), quantile(ratios, 0.25),
                quantile(ratios, 0.75));
    }

    /** The median time of one call, over calls repeated for {@link #SLICE_SECONDS}. */
    private static double medianSeconds(Runnable product) {
        List<Double> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (SLICE_SECONDS * 1e9);
        do {
            long t0 = System.nanoTime();
            product.run();
            times.add((System.nanoTime() - t0) / 1e9);
        } while (System.nanoTime() < end);
        return quantile(times, 0.5);
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.round(q * (sorted.size() - 1)));
    }

    private static float[] random(int size, long seed) {
        Random r = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextFloat() - 0.5f;
        }
        return v;
    }
}
