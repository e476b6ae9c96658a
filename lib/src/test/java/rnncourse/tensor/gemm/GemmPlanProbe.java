package rnncourse.tensor.gemm;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import rnncourse.tensor.threads.Parallel;

/**
 * Runs every OpenBLAS plan, forced, on products it fits and prints one SHA-256 of the results'
 * bits per plan: run in child JVMs that see 1 and 2 cores ({@link GemmCoreCountTest}), the lines
 * must be identical, because a plan's halves are the same whichever thread computes them.
 *
 * <p>Prints {@code cores=N parallel=true|false} first, then {@code <plan> <hex>} lines, or
 * {@code no OpenBLAS} if the preset did not load.
 */
public final class GemmPlanProbe {
    /** m, n, k of float32 products, each run with every transposition and with a resident B. */
    private static final int[][] SHAPES = {{300, 97, 150}, {61, 333, 220}, {25, 25, 1700}, {50, 40, 3001},
            {50, 512, 128}, {100, 520, 128}, {600, 40, 500}};
    static final List<GemmPlan> PLANS = List.of(GemmPlan.OPENBLAS, GemmPlan.OPENBLAS_ROWS, GemmPlan.OPENBLAS_COLUMNS,
            GemmPlan.OPENBLAS_K_HALVES, GemmPlan.columnBlocks(16), GemmPlan.columnBlocks(64));

    private GemmPlanProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("cores=" + Runtime.getRuntime().availableProcessors() + " parallel=" + Parallel.available());
        if (!GemmRulesScope.openBlasLoaded()) {
            System.out.println("no OpenBLAS");
            return;
        }
        for (GemmPlan plan : PLANS) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Random r = new Random(3);
            try (GemmRulesScope s = GemmRulesScope.forcing(plan)) {
                for (int[] shape : SHAPES) {
                    int m = shape[0];
                    int n = shape[1];
                    int k = shape[2];
                    for (int t = 0; t < 8; t++) {
                        boolean ta = (t & 1) != 0;
                        boolean tb = (t & 2) != 0;
                        boolean resident = (t & 4) != 0;
                        if (!plan.fits(true, ta, tb, m, n, k, resident)) {
                            continue;
                        }
                        float[] a = floats(r, m * k);
                        float[] b = floats(r, k * n);
                        float[] c = floats(r, m * n);
                        if (resident) {
                            try (Gemm.Resident rb = Gemm.resident(b, 0, k * n)) {
                                Gemm.sgemm(ta, tb, m, n, k, a, 0, rb, 0.5f, c, 0);
                            }
                        } else {
                            Gemm.sgemm(ta, tb, m, n, k, a, 0, b, 0, 0.5f, c, 0);
                        }
                        ByteBuffer bits = ByteBuffer.allocate(4 * c.length);
                        for (float v : c) {
                            bits.putFloat(v);
                        }
                        sha.update(bits.array());
                    }
                }
            }
            System.out.println(plan + " " + HexFormat.of().formatHex(sha.digest()));
        }
    }

    /** Uniform in [-1, 1): any values do for comparing bits, and these are cheap to draw. */
    private static float[] floats(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextFloat() - 1;
        }
        return v;
    }
}
