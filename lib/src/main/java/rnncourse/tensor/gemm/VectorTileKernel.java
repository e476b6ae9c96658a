package rnncourse.tensor.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileKernel} on Java's Vector API ({@code jdk.incubator.vector}): 6 rows × 2 vectors of C
 * held in 12 registers, B streamed two vectors a step and A's six values broadcast, in the manner
 * of BLIS's micro-kernels — from packed panels ({@link #update}) or from A and B in place
 * ({@link #updateRows}), the same loop (with a copy of it for an A stored as used, whose bounds
 * checks the JIT can hoist). Each lane runs its own element's fused
 * multiply-add chain along k, so 8 lanes (AVX2) and 16 (AVX-512) give the same bits as
 * {@link ScalarTileKernel}.
 *
 * <p>The width is fixed per process: {@link #SPECIES} must be a constant for HotSpot to compile
 * the vector operations to instructions. {@code -Drnncourse.gemm.vectorBits=256} (or 128, 512)
 * asks for a width, {@code auto} (the default) takes the widest the JVM offers
 * ({@link FloatVector#SPECIES_PREFERRED}, which follows {@code -XX:MaxVectorSize}).
 * Only loaded when the module is present ({@link FixedOrderGemm#kernel()}).
 */
final class VectorTileKernel extends TileKernel {
    static final VectorSpecies<Float> SPECIES = species(System.getProperty(FixedOrderGemm.VECTOR_BITS_PROPERTY, "auto"));
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 6;
    private static final int COLUMNS = 2 * LANES;

    private static VectorSpecies<Float> species(String bits) {
        return switch (bits.trim()) {
            case "512" -> FloatVector.SPECIES_512;
            case "256" -> FloatVector.SPECIES_256;
            case "128" -> FloatVector.SPECIES_128;
            default -> FloatVector.SPECIES_PREFERRED;
        };
    }

    VectorTileKernel() {
        super(ROWS, COLUMNS, LANES);
    }

    /** The packed tile: A's panel is {@link #ROWS} floats a step, B's {@link #COLUMNS}; rows beyond {@code height} are A's zero padding. */
    @Override
    void update(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                       boolean fromZero, int height) {
        strip2(height, kc, ap, apOff, 1, ROWS, bp, bpOff, COLUMNS, c, cOff, ldc, LANES, fromZero);
    }

    /**
     * Strips of two vectors across C's columns; in each strip, blocks of six rows held in
     * registers for the whole of k: B's strip streamed (from the L1 cache after the first block),
     * A's six values broadcast from A itself (rows beyond the block's height repeat its last row's,
     * computed and dropped). The last strip's second vector ends at n, overlapping its first: both
     * are loaded before either is stored, so the shared columns are computed twice by the same
     * chain and stored twice with the same bits — no partial vector. Only a C narrower than one
     * vector goes through {@code tail}.
     */
    @Override
    void updateRows(int rows, int n, int k, float[] a, int aOff, int aRowStride, int aDepthStride, float[] b,
                           int bOff, int ldb, float[] c, int cOff, int ldc, boolean fromZero, float[] tail) {
        if (n <= LANES) {
            for (int r = 0; r < rows; r += ROWS) {
                strip1(Math.min(ROWS, rows - r), k, a, aOff + r * aRowStride, aRowStride, aDepthStride, b, bOff, ldb, c,
                        cOff + r * ldc, ldc, n, fromZero, tail);
            }
            return;
        }
        int j0 = 0;
        // strips of two vectors while more than three remain, then one if more than two, so that the
        // last strip holds between one and two vectors' worth of columns
        for (; n - j0 > 3 * LANES; j0 += COLUMNS) {
            strips(rows, k, a, aOff, aRowStride, aDepthStride, b, bOff + j0, ldb, c, cOff + j0, ldc, LANES, fromZero);
        }
        if (n - j0 > COLUMNS) {
            for (int r = 0; r < rows; r += ROWS) {
                strip1(Math.min(ROWS, rows - r), k, a, aOff + r * aRowStride, aRowStride, aDepthStride, b, bOff + j0,
                        ldb, c, cOff + r * ldc + j0, ldc, LANES, fromZero, tail);
            }
            j0 += LANES;
        }
        strips(rows, k, a, aOff, aRowStride, aDepthStride, b, bOff + j0, ldb, c, cOff + j0, ldc, n - j0 - LANES,
                fromZero);
    }

    /** One two-vector strip of all the rows, six at a time. */
    private static void strips(int rows, int k, float[] a, int aOff, int ar, int ad, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc, int second, boolean fromZero) {
        if (ad == 1) {
            for (int r = 0; r < rows; r += ROWS) {
                strip2Contiguous(Math.min(ROWS, rows - r), k, a, aOff + r * ar, ar, b, bOff, ldb, c, cOff + r * ldc, ldc,
                        second, fromZero);
            }
            return;
        }
        for (int r = 0; r < rows; r += ROWS) {
            strip2(Math.min(ROWS, rows - r), k, a, aOff + r * ar, ar, ad, b, bOff, ldb, c, cOff + r * ldc, ldc, second,
                    fromZero);
        }
    }

    /** Six rows × two vectors, at columns [0, lanes) and [second, second + lanes) from {@code cOff}. */
    private static void strip2(int height, int k, float[] a, int aOff, int ar, int ad, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc, int second, boolean fromZero) {
        VectorSpecies<Float> s = SPECIES;
        int a0 = aOff;
        int a1 = aOff + Math.min(1, height - 1) * ar;
        int a2 = aOff + Math.min(2, height - 1) * ar;
        int a3 = aOff + Math.min(3, height - 1) * ar;
        int a4 = aOff + Math.min(4, height - 1) * ar;
        int a5 = aOff + Math.min(5, height - 1) * ar;
        int c1 = cOff + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        FloatVector zero = FloatVector.zero(s);
        FloatVector c00 = fromZero ? zero : FloatVector.fromArray(s, c, cOff);
        FloatVector c01 = fromZero ? zero : FloatVector.fromArray(s, c, cOff + second);
        FloatVector c10 = fromZero || height <= 1 ? zero : FloatVector.fromArray(s, c, c1);
        FloatVector c11 = fromZero || height <= 1 ? zero : FloatVector.fromArray(s, c, c1 + second);
        FloatVector c20 = fromZero || height <= 2 ? zero : FloatVector.fromArray(s, c, c2);
        FloatVector c21 = fromZero || height <= 2 ? zero : FloatVector.fromArray(s, c, c2 + second);
        FloatVector c30 = fromZero || height <= 3 ? zero : FloatVector.fromArray(s, c, c3);
        FloatVector c31 = fromZero || height <= 3 ? zero : FloatVector.fromArray(s, c, c3 + second);
        FloatVector c40 = fromZero || height <= 4 ? zero : FloatVector.fromArray(s, c, c4);
        FloatVector c41 = fromZero || height <= 4 ? zero : FloatVector.fromArray(s, c, c4 + second);
        FloatVector c50 = fromZero || height <= 5 ? zero : FloatVector.fromArray(s, c, c5);
        FloatVector c51 = fromZero || height <= 5 ? zero : FloatVector.fromArray(s, c, c5 + second);
        int bo = bOff;
        int o = 0;
        for (int p = 0; p < k; p++, bo += ldb, o += ad) {
            FloatVector b0 = FloatVector.fromArray(s, b, bo);
            FloatVector b1 = FloatVector.fromArray(s, b, bo + second);
            FloatVector av = FloatVector.broadcast(s, a[a0 + o]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(s, a[a1 + o]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(s, a[a2 + o]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(s, a[a3 + o]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(s, a[a4 + o]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(s, a[a5 + o]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + second);
        if (height > 1) {
            c10.intoArray(c, c1);
            c11.intoArray(c, c1 + second);
        }
        if (height > 2) {
            c20.intoArray(c, c2);
            c21.intoArray(c, c2 + second);
        }
        if (height > 3) {
            c30.intoArray(c, c3);
            c31.intoArray(c, c3 + second);
        }
        if (height > 4) {
            c40.intoArray(c, c4);
            c41.intoArray(c, c4 + second);
        }
        if (height > 5) {
            c50.intoArray(c, c5);
            c51.intoArray(c, c5 + second);
        }
    }

    /**
     * {@link #strip2} for an A whose rows are contiguous along k (depth stride 1: A stored as it is
     * used, the direct route's usual case), the same chains. A separate copy, not a branch of
     * strip2: A's indices here are the loop counter plus a constant, so that C2 can move their
     * bounds checks out of the loop, which it cannot for strip2's stride ad; one method holding
     * both loops made C2 compile the strided one slower (bench/RESULTS.md, 2026-12-08).
     */
    private static void strip2Contiguous(int height, int k, float[] a, int aOff, int ar, float[] b, int bOff,
                                         int ldb, float[] c, int cOff, int ldc, int second, boolean fromZero) {
        VectorSpecies<Float> s = SPECIES;
        int a0 = aOff;
        int a1 = aOff + Math.min(1, height - 1) * ar;
        int a2 = aOff + Math.min(2, height - 1) * ar;
        int a3 = aOff + Math.min(3, height - 1) * ar;
        int a4 = aOff + Math.min(4, height - 1) * ar;
        int a5 = aOff + Math.min(5, height - 1) * ar;
        int c1 = cOff + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        FloatVector zero = FloatVector.zero(s);
        FloatVector c00 = fromZero ? zero : FloatVector.fromArray(s, c, cOff);
        FloatVector c01 = fromZero ? zero : FloatVector.fromArray(s, c, cOff + second);
        FloatVector c10 = fromZero || height <= 1 ? zero : FloatVector.fromArray(s, c, c1);
        FloatVector c11 = fromZero || height <= 1 ? zero : FloatVector.fromArray(s, c, c1 + second);
        FloatVector c20 = fromZero || height <= 2 ? zero : FloatVector.fromArray(s, c, c2);
        FloatVector c21 = fromZero || height <= 2 ? zero : FloatVector.fromArray(s, c, c2 + second);
        FloatVector c30 = fromZero || height <= 3 ? zero : FloatVector.fromArray(s, c, c3);
        FloatVector c31 = fromZero || height <= 3 ? zero : FloatVector.fromArray(s, c, c3 + second);
        FloatVector c40 = fromZero || height <= 4 ? zero : FloatVector.fromArray(s, c, c4);
        FloatVector c41 = fromZero || height <= 4 ? zero : FloatVector.fromArray(s, c, c4 + second);
        FloatVector c50 = fromZero || height <= 5 ? zero : FloatVector.fromArray(s, c, c5);
        FloatVector c51 = fromZero || height <= 5 ? zero : FloatVector.fromArray(s, c, c5 + second);
        int bo = bOff;
        for (int p = 0; p < k; p++, bo += ldb) {
            FloatVector b0 = FloatVector.fromArray(s, b, bo);
            FloatVector b1 = FloatVector.fromArray(s, b, bo + second);
            FloatVector av = FloatVector.broadcast(s, a[a0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(s, a[a1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(s, a[a2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(s, a[a3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(s, a[a4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(s, a[a5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + second);
        if (height > 1) {
            c10.intoArray(c, c1);
            c11.intoArray(c, c1 + second);
        }
        if (height > 2) {
            c20.intoArray(c, c2);
            c21.intoArray(c, c2 + second);
        }
        if (height > 3) {
            c30.intoArray(c, c3);
            c31.intoArray(c, c3 + second);
        }
        if (height > 4) {
            c40.intoArray(c, c4);
            c41.intoArray(c, c4 + second);
        }
        if (height > 5) {
            c50.intoArray(c, c5);
            c51.intoArray(c, c5 + second);
        }
    }

    /** Six rows × one vector (columns [0, lanes) from {@code cOff}, of which {@code w} exist). */
    private static void strip1(int height, int k, float[] a, int aOff, int ar, int ad, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc, int w, boolean fromZero, float[] tail) {
        VectorSpecies<Float> s = SPECIES;
        int a0 = aOff;
        int a1 = aOff + Math.min(1, height - 1) * ar;
        int a2 = aOff + Math.min(2, height - 1) * ar;
        int a3 = aOff + Math.min(3, height - 1) * ar;
        int a4 = aOff + Math.min(4, height - 1) * ar;
        int a5 = aOff + Math.min(5, height - 1) * ar;
        int c1 = cOff + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        FloatVector c00 = load(c, cOff, w, fromZero, tail);
        FloatVector c10 = load(c, c1, w, fromZero || height <= 1, tail);
        FloatVector c20 = load(c, c2, w, fromZero || height <= 2, tail);
        FloatVector c30 = load(c, c3, w, fromZero || height <= 3, tail);
        FloatVector c40 = load(c, c4, w, fromZero || height <= 4, tail);
        FloatVector c50 = load(c, c5, w, fromZero || height <= 5, tail);
        int bo = bOff;
        int o = 0;
        for (int p = 0; p < k; p++, bo += ldb, o += ad) {
            FloatVector b0 = FloatVector.fromArray(s, b, bo);
            c00 = FloatVector.broadcast(s, a[a0 + o]).fma(b0, c00);
            c10 = FloatVector.broadcast(s, a[a1 + o]).fma(b0, c10);
            c20 = FloatVector.broadcast(s, a[a2 + o]).fma(b0, c20);
            c30 = FloatVector.broadcast(s, a[a3 + o]).fma(b0, c30);
            c40 = FloatVector.broadcast(s, a[a4 + o]).fma(b0, c40);
            c50 = FloatVector.broadcast(s, a[a5 + o]).fma(b0, c50);
        }
        store(c00, c, cOff, w, tail);
        if (height > 1) {
            store(c10, c, c1, w, tail);
        }
        if (height > 2) {
            store(c20, c, c2, w, tail);
        }
        if (height > 3) {
            store(c30, c, c3, w, tail);
        }
        if (height > 4) {
            store(c40, c, c4, w, tail);
        }
        if (height > 5) {
            store(c50, c, c5, w, tail);
        }
    }

    /** C's {@code w} floats from {@code off} as a vector (through {@code tail} when fewer than a vector), or zeros. */
    private static FloatVector load(float[] c, int off, int w, boolean zero, float[] tail) {
        if (zero) {
            return FloatVector.zero(SPECIES);
        }
        if (w >= LANES) {
            return FloatVector.fromArray(SPECIES, c, off);
        }
        System.arraycopy(c, off, tail, 0, w);
        return FloatVector.fromArray(SPECIES, tail, 0);
    }

    /** Writes the vector's first {@code w} lanes to C from {@code off} (through {@code tail} when fewer than a vector). */
    private static void store(FloatVector v, float[] c, int off, int w, float[] tail) {
        if (w >= LANES) {
            v.intoArray(c, off);
        } else {
            v.intoArray(tail, 0);
            System.arraycopy(tail, 0, c, off, w);
        }
    }

    @Override
    String describe() {
        return "Vector API, " + LANES + " lanes, " + ROWS + "x" + COLUMNS + " tiles";
    }
}
