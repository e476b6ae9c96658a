package rnncourse.tensor.gemm;

import rnncourse.tensor.threads.Parallel;

/**
 * Child JVM of {@link FixedOrderGemmWidthTest}: runs {@link FixedOrderGemmTest#cases()} through
 * {@link FixedOrderGemm} with the kernel this JVM chose, by each route and as chosen (with B
 * prepared as a resident's), and prints three lines: the kernel, a hash of every result's bits,
 * and the same hash of {@link JavaGemm}'s results (rounded once more a step: it must differ, or
 * the hash could not tell orders apart).
 */
public final class FixedOrderGemmProbe {
    private FixedOrderGemmProbe() {
    }

    public static void main(String[] args) {
        long fixed = 17;
        long loops = 17;
        for (FixedOrderGemmTest.Case c : FixedOrderGemmTest.cases()) {
            for (FixedOrderGemm.Route route : FixedOrderGemm.Route.values()) {
                fixed = hash(fixed, c.run(FixedOrderGemm.kernel(), route));
                fixed = hash(fixed, c.runPrepared(route));
            }
            float[] out = c.c().clone();
            FixedOrderGemm.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.a(), 0, c.b(), 0, null, c.beta(), out, 0);
            fixed = hash(fixed, out);
            float[] plain = c.c().clone();
            JavaGemm.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.a(), 0, c.b(), 0, c.beta(), plain, 0);
            loops = hash(loops, plain);
        }
        System.out.println(FixedOrderGemm.describe() + " parallel=" + Parallel.available());
        System.out.println(Long.toHexString(fixed));
        System.out.println(Long.toHexString(loops));
    }

    private static long hash(long h, float[] values) {
        for (float v : values) {
            h = h * 1_000_003L + Float.floatToIntBits(v);
        }
        return h;
    }
}
