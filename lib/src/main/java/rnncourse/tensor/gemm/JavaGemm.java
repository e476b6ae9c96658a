package rnncourse.tensor.gemm;

import java.util.Arrays;

/**
 * The Java-loop GEMM on row-major heap arrays, for products too small to be worth a native call
 * (below {@link Gemm#nativeThreshold()} multiply-adds): copying operands off the heap and calling
 * into native code costs more than the course's tiny lessons (hidden size 5) compute.
 *
 * <p>Every element of C is summed over k in ascending order, so the bits are the same on every CPU
 * and JDK. Where an element of A is multiplied into a whole row of C, a zero one is skipped
 * (one-hot inputs make many).
 */
final class JavaGemm {
    private JavaGemm() {
    }

    /** float32, with the layout of {@link Gemm#sgemm}; the reference the native paths are tested against. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        scale(c, cOff, m * n, beta);
        if (!transA && !transB) {
            for (int i = 0; i < m; i++) {
                int co = cOff + i * n;
                int ao = aOff + i * k;
                for (int p = 0; p < k; p++) {
                    float av = a[ao + p];
                    if (av == 0f) {
                        continue;
                    }
                    int bo = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[co + j] += av * b[bo + j];
                    }
                }
            }
        } else if (transA && !transB) {
            for (int p = 0; p < k; p++) {
                int ao = aOff + p * m;
                int bo = bOff + p * n;
                for (int i = 0; i < m; i++) {
                    float av = a[ao + i];
                    if (av == 0f) {
                        continue;
                    }
                    int co = cOff + i * n;
                    for (int j = 0; j < n; j++) {
                        c[co + j] += av * b[bo + j];
                    }
                }
            }
        } else if (!transA) {
            for (int i = 0; i < m; i++) {
                int ao = aOff + i * k;
                int co = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    int bo = bOff + j * k;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[ao + p] * b[bo + p];
                    }
                    c[co + j] += s;
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                int co = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    int bo = bOff + j * k;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[aOff + p * m + i] * b[bo + p];
                    }
                    c[co + j] += s;
                }
            }
        }
    }

    /** float64, with the layout of {@link Gemm#sgemm}. */
    static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        scale(c, cOff, m * n, beta);
        for (int i = 0; i < m; i++) {
            int co = cOff + i * n;
            for (int p = 0; p < k; p++) {
                double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                if (av == 0) {
                    continue;
                }
                if (!transB) {
                    int bo = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[co + j] += av * b[bo + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c[co + j] += av * b[bOff + j * k + p];
                    }
                }
            }
        }
    }

    /** c[off..off+len) ← beta·c, with beta = 0 clearing (as BLAS does, whatever c held). */
    static void scale(float[] c, int off, int len, float beta) {
        if (beta == 0f) {
            Arrays.fill(c, off, off + len, 0f);
        } else if (beta != 1f) {
            for (int i = off; i < off + len; i++) {
                c[i] *= beta;
            }
        }
    }

    /** The float64 {@link #scale(float[], int, int, float)}. */
    private static void scale(double[] c, int off, int len, double beta) {
        if (beta == 0) {
            Arrays.fill(c, off, off + len, 0.0);
        } else if (beta != 1) {
            for (int i = off; i < off + len; i++) {
                c[i] *= beta;
            }
        }
    }
}
