package rnncourse.bench;

import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's float32 fused multiply-add peak as a JVM reaches it: every thread runs independent
 * FMA chains in registers (no loads, no stores) at the JVM's preferred vector width, all threads
 * at once. Issue 27 states its LSTM-MNIST goal also as a share of this peak ("≥ 75 % of the FMA
 * peak for its 3.46 GFLOP"), a measure that, unlike a ratio to PyTorch, does not depend on
 * whether the peer's BLAS (MKL) takes its best path on this CPU.
 *
 * <p>Twelve chains a thread: enough to cover the FMA latency on every x86-64 core the course
 * meets (4 cycles, two pipes at 256 bits, one at 512 on cores that split a 512-bit operation),
 * so the loop is bound by throughput, not by a chain's latency.
 */
final class FmaPeak {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    private FmaPeak() {
    }

    /**
     * Best GFLOP/s of {@code rounds} rounds, each {@code threads} threads running
     * {@code iterations} steps of every chain; a multiply-add counts as two operations.
     */
    static double gflops(int threads, long iterations, int rounds) {
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            best = Math.max(best, oneRound(threads, iterations));
        }
        System.out.printf(java.util.Locale.ROOT, "# fma peak %.1f GF/s: %d thread(s), %d lanes, %d chains, best of %d%n",
                best, threads, SPECIES.length(), CHAINS, rounds);
        return best;
    }

    private static double oneRound(int threads, long iterations) {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        float[] sinks = new float[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                await(start);
                sinks[id] = chains(iterations);
                await(end);
            }, "fma-peak-" + t);
            w.setDaemon(true);
            w.start();
        }
        await(start);
        long t0 = System.nanoTime();
        await(end);
        double seconds = (System.nanoTime() - t0) / 1e9;
        float sink = 0;
        for (float s : sinks) {
            sink += s;
        }
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("the FMA chains produced NaN");
        }
        return 2.0 * CHAINS * SPECIES.length() * iterations * threads / seconds / 1e9;
    }

    /**
     * x ← x·a + b on twelve independent vectors; converges to b / (1 − a), so no value overflows.
     * Written out rather than as an array of vectors: the JIT keeps twelve locals in registers, but
     * not the elements of an array.
     */
    static float chains(long iterations) {
        FloatVector a = FloatVector.broadcast(SPECIES, 0.999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 0.001f);
        FloatVector x0 = FloatVector.broadcast(SPECIES, 0.1f), x1 = FloatVector.broadcast(SPECIES, 0.2f);
        FloatVector x2 = FloatVector.broadcast(SPECIES, 0.3f), x3 = FloatVector.broadcast(SPECIES, 0.4f);
        FloatVector x4 = FloatVector.broadcast(SPECIES, 0.5f), x5 = FloatVector.broadcast(SPECIES, 0.6f);
        FloatVector x6 = FloatVector.broadcast(SPECIES, 0.7f), x7 = FloatVector.broadcast(SPECIES, 0.8f);
        FloatVector x8 = FloatVector.broadcast(SPECIES, 0.9f), x9 = FloatVector.broadcast(SPECIES, 1.1f);
        FloatVector x10 = FloatVector.broadcast(SPECIES, 1.2f), x11 = FloatVector.broadcast(SPECIES, 1.3f);
        for (long i = 0; i < iterations; i++) {
            x0 = x0.fma(a, b);
            x1 = x1.fma(a, b);
            x2 = x2.fma(a, b);
            x3 = x3.fma(a, b);
            x4 = x4.fma(a, b);
            x5 = x5.fma(a, b);
            x6 = x6.fma(a, b);
            x7 = x7.fma(a, b);
            x8 = x8.fma(a, b);
            x9 = x9.fma(a, b);
            x10 = x10.fma(a, b);
            x11 = x11.fma(a, b);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).add(x8).add(x9).add(x10).add(x11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("FMA peak probe: a thread was interrupted", e);
        }
    }
}
