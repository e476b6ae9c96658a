package rnncourse.tensor.gemm;


/**
 * {@link TileKernel} in plain Java with {@link Math#fma(float, float, float)}: where the Vector API
 * is missing or switched off ({@code -Drnncourse.gemm.vectorBits=0}). The same bits as the vector
 * kernels, more slowly; the tests' reference for them.
 */
final class ScalarTileKernel extends TileKernel {
    private static final int ROWS = 4;
    private static final int COLUMNS = 8;

    ScalarTileKernel() {
        super(ROWS, COLUMNS, 1);
    }

    /**
     * One tile row at a time, its eight sums held in locals over the whole panel rather than read
     * from and written to C at every step of p: each sum is the same chain of fused multiply-adds,
     * in the order of p (the speed-up: bench/RESULTS.md).
     */
    @Override
    void update(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                       boolean fromZero, int height) {
        for (int r = 0; r < height; r++) {
            int co = cOff + r * ldc;
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
            if (!fromZero) {
                s0 = c[co]; s1 = c[co + 1]; s2 = c[co + 2]; s3 = c[co + 3];
                s4 = c[co + 4]; s5 = c[co + 5]; s6 = c[co + 6]; s7 = c[co + 7];
            }
            for (int p = 0; p < kc; p++) {
                float av = ap[apOff + p * ROWS + r];
                int bo = bpOff + p * COLUMNS;
                s0 = Math.fma(av, bp[bo], s0);
                s1 = Math.fma(av, bp[bo + 1], s1);
                s2 = Math.fma(av, bp[bo + 2], s2);
                s3 = Math.fma(av, bp[bo + 3], s3);
                s4 = Math.fma(av, bp[bo + 4], s4);
                s5 = Math.fma(av, bp[bo + 5], s5);
                s6 = Math.fma(av, bp[bo + 6], s6);
                s7 = Math.fma(av, bp[bo + 7], s7);
            }
            c[co] = s0; c[co + 1] = s1; c[co + 2] = s2; c[co + 3] = s3;
            c[co + 4] = s4; c[co + 5] = s5; c[co + 6] = s6; c[co + 7] = s7;
        }
    }

    /**
     * Four columns of a row at a time, their sums in locals, so that B is read along its rows
     * rather than down its columns; the columns left over one at a time. Each element's chain is
     * the same in either case.
     */
    @Override
    void updateRows(int rows, int n, int k, float[] a, int aOff, int aRowStride, int aDepthStride, float[] b,
                           int bOff, int ldb, float[] c, int cOff, int ldc, boolean fromZero, float[] tail) {
        for (int r = 0; r < rows; r++) {
            int co = cOff + r * ldc;
            int ao = aOff + r * aRowStride;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                float s0 = fromZero ? 0f : c[co + j], s1 = fromZero ? 0f : c[co + j + 1];
                float s2 = fromZero ? 0f : c[co + j + 2], s3 = fromZero ? 0f : c[co + j + 3];
                for (int p = 0; p < k; p++) {
                    float av = a[ao + p * aDepthStride];
                    int bo = bOff + p * ldb + j;
                    s0 = Math.fma(av, b[bo], s0);
                    s1 = Math.fma(av, b[bo + 1], s1);
                    s2 = Math.fma(av, b[bo + 2], s2);
                    s3 = Math.fma(av, b[bo + 3], s3);
                }
                c[co + j] = s0; c[co + j + 1] = s1; c[co + j + 2] = s2; c[co + j + 3] = s3;
            }
            for (; j < n; j++) {
                float s = fromZero ? 0f : c[co + j];
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ao + p * aDepthStride], b[bOff + p * ldb + j], s);
                }
                c[co + j] = s;
            }
        }
    }

    @Override
    String describe() {
        return "scalar Math.fma, " + ROWS + "x" + COLUMNS + " tiles";
    }
}
