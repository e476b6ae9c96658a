package rnncourse.tensor.gemm;

import java.util.Arrays;

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

    @Override
    void update(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                       boolean fromZero, int height) {
        if (fromZero) {
            for (int r = 0; r < height; r++) {
                Arrays.fill(c, cOff + r * ldc, cOff + r * ldc + COLUMNS, 0f);
            }
        }
        for (int p = 0; p < kc; p++) {
            int ao = apOff + p * ROWS;
            int bo = bpOff + p * COLUMNS;
            for (int r = 0; r < height; r++) {
                float av = ap[ao + r];
                int co = cOff + r * ldc;
                for (int j = 0; j < COLUMNS; j++) {
                    c[co + j] = Math.fma(av, bp[bo + j], c[co + j]);
                }
            }
        }
    }

    @Override
    void updateRows(int rows, int n, int k, float[] a, int aOff, int aRowStride, int aDepthStride, float[] b,
                           int bOff, int ldb, float[] c, int cOff, int ldc, boolean fromZero, float[] tail) {
        for (int r = 0; r < rows; r++) {
            int co = cOff + r * ldc;
            int ao = aOff + r * aRowStride;
            for (int j = 0; j < n; j++) {
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
