package rnncourse.tensor.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileKernel} on Java's Vector API ({@code jdk.incubator.vector}): a tile of 6 rows × 2
 * vectors of C held in 12 registers, B's panel streamed two vectors a step and A's six values
 * broadcast, in the manner of BLIS's micro-kernels. Each lane runs its own element's fused
 * multiply-add chain along k, so 8 lanes (AVX2) and 16 (AVX-512) give the same bits as
 * {@link ScalarTileKernel}.
 *
 * <p>The width is fixed per process: {@link #SPECIES} must be a constant for HotSpot to compile
 * the vector operations to instructions. {@code -Drnncourse.gemm.vectorBits=256} (or 128, 512)
 * asks for a width, {@code auto} (the default) takes the widest the JVM offers
 * ({@link FloatVector#SPECIES_PREFERRED}, which follows {@code -XX:MaxVectorSize}).
 * Only loaded when the module is present ({@link FixedOrderGemm#kernel()}).
 */
final class VectorTileKernel implements TileKernel {
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

    @Override
    public int rows() {
        return ROWS;
    }

    @Override
    public int columns() {
        return COLUMNS;
    }

    @Override
    public void update(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                       boolean fromZero, int height) {
        VectorSpecies<Float> s = SPECIES;
        int c1 = cOff + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        FloatVector zero = FloatVector.zero(s);
        FloatVector c00 = fromZero ? zero : FloatVector.fromArray(s, c, cOff);
        FloatVector c01 = fromZero ? zero : FloatVector.fromArray(s, c, cOff + LANES);
        FloatVector c10 = fromZero || height <= 1 ? zero : FloatVector.fromArray(s, c, c1);
        FloatVector c11 = fromZero || height <= 1 ? zero : FloatVector.fromArray(s, c, c1 + LANES);
        FloatVector c20 = fromZero || height <= 2 ? zero : FloatVector.fromArray(s, c, c2);
        FloatVector c21 = fromZero || height <= 2 ? zero : FloatVector.fromArray(s, c, c2 + LANES);
        FloatVector c30 = fromZero || height <= 3 ? zero : FloatVector.fromArray(s, c, c3);
        FloatVector c31 = fromZero || height <= 3 ? zero : FloatVector.fromArray(s, c, c3 + LANES);
        FloatVector c40 = fromZero || height <= 4 ? zero : FloatVector.fromArray(s, c, c4);
        FloatVector c41 = fromZero || height <= 4 ? zero : FloatVector.fromArray(s, c, c4 + LANES);
        FloatVector c50 = fromZero || height <= 5 ? zero : FloatVector.fromArray(s, c, c5);
        FloatVector c51 = fromZero || height <= 5 ? zero : FloatVector.fromArray(s, c, c5 + LANES);
        int ao = apOff;
        int bo = bpOff;
        for (int p = 0; p < kc; p++, ao += ROWS, bo += COLUMNS) {
            FloatVector b0 = FloatVector.fromArray(s, bp, bo);
            FloatVector b1 = FloatVector.fromArray(s, bp, bo + LANES);
            FloatVector a = FloatVector.broadcast(s, ap[ao]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(s, ap[ao + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(s, ap[ao + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(s, ap[ao + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(s, ap[ao + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(s, ap[ao + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + LANES);
        if (height > 1) {
            c10.intoArray(c, c1);
            c11.intoArray(c, c1 + LANES);
        }
        if (height > 2) {
            c20.intoArray(c, c2);
            c21.intoArray(c, c2 + LANES);
        }
        if (height > 3) {
            c30.intoArray(c, c3);
            c31.intoArray(c, c3 + LANES);
        }
        if (height > 4) {
            c40.intoArray(c, c4);
            c41.intoArray(c, c4 + LANES);
        }
        if (height > 5) {
            c50.intoArray(c, c5);
            c51.intoArray(c, c5 + LANES);
        }
    }

    @Override
    public String describe() {
        return "Vector API, " + LANES + " lanes, " + ROWS + "x" + COLUMNS + " tiles";
    }
}
