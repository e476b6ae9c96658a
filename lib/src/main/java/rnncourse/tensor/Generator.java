package rnncourse.tensor;

import java.util.SplittableRandom;

/**
 * A seeded source of random numbers, like {@code torch.Generator}. The course keeps one global
 * generator ({@link Tensor#manualSeed(long)}), so that a notebook that prints its seed gives the same
 * numbers on every run.
 */
public final class Generator {
    private SplittableRandom random;
    private long seed;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator started from {@code seed}. */
    public Generator(long seed) {
        manualSeed(seed);
    }

    /** Restarts the stream from {@code seed}. */
    public synchronized void manualSeed(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.hasSpare = false;
    }

    /** The seed this generator was last started from. */
    public synchronized long initialSeed() {
        return seed;
    }

    /** Uniform in [0, 1). */
    public synchronized double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public synchronized double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Standard normal (Marsaglia's polar method, so the stream depends only on the seed). */
    public synchronized double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = random.nextDouble() * 2 - 1;
            v = random.nextDouble() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** A random permutation of 0..n-1 (Fisher–Yates). */
    public synchronized int[] randperm(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
