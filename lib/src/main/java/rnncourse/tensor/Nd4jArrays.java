package rnncourse.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import rnncourse.tensor.gemm.OpenBlasCore;

/**
 * Copies between ND4J arrays ({@code INDArray}) and course tensors, for lessons that compute by hand
 * with ND4J and then compare with a library layer. Shapes are kept (a (8, 4) array becomes an (8, 4)
 * tensor and back) and values are copied, so changing one side never changes the other.
 *
 * <p>Element types: ND4J {@code FLOAT} ↔ float32, {@code DOUBLE} ↔ float64, {@code LONG} ↔ int64.
 * Other ND4J types (INT, HALF, BOOL, ...) are refused with a message naming the type; convert first
 * with {@code array.castTo(DataType.DOUBLE)}.
 */
public final class Nd4jArrays {
    static {
        // Before ND4J loads its OpenBLAS: the choice of kernels is read once, at load time.
        OpenBlasCore.select();
    }

    private Nd4jArrays() {
    }

    /** A tensor with the array's shape, element type and values (read in row-major order, whatever the array's ordering or view). */
    public static Tensor toTensor(INDArray array) {
        if (array == null) {
            throw new IllegalArgumentException("Nd4jArrays.toTensor: array is null");
        }
        int[] shape = intShape(array.shape());
        DataType type = array.dataType();
        // dup('c') gives a fresh row-major copy whose buffer holds exactly the array's elements,
        // even when the array is a transposed or sliced view of a bigger buffer.
        INDArray c = array.length() == 0 ? null : array.dup('c');
        switch (type) {
            case FLOAT:
                return Tensor.wrap(c == null ? new float[0] : c.data().asFloat(), shape);
            case DOUBLE:
                return Tensor.wrap(c == null ? new double[0] : c.data().asDouble(), shape);
            case LONG: {
                long[] v = c == null ? new long[0] : c.data().asLong();
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    // int64 tensors keep their values in doubles: exact up to 2^53
                    if (Math.abs(v[i]) > (1L << 53)) {
                        throw new IllegalArgumentException("Nd4jArrays.toTensor: LONG value " + v[i] + " at flat index " + i
                                + " is beyond ±2^53, which the course's int64 tensors cannot hold exactly");
                    }
                    d[i] = v[i];
                }
                return Tensor.wrap(d, shape).toLong();
            }
            default:
                throw new IllegalArgumentException("Nd4jArrays.toTensor: unsupported ND4J data type " + type
                        + "; expected FLOAT, DOUBLE or LONG (convert with array.castTo(DataType.DOUBLE))");
        }
    }

    /**
     * A new row-major ND4J array with the tensor's shape and values: float32 → FLOAT, float64 →
     * DOUBLE, int64 → LONG. A 0-dimensional tensor gives a scalar array.
     */
    public static INDArray toNd4j(Tensor tensor) {
        if (tensor == null) {
            throw new IllegalArgumentException("Nd4jArrays.toNd4j: tensor is null");
        }
        int[] s = tensor.shapeArray();
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = s[i];
        }
        switch (tensor.dtype()) {
            case FLOAT32:
                return Nd4j.create(tensor.toFloatArray(), shape, 'c');
            case FLOAT64:
                return Nd4j.create(tensor.toDoubleArray(), shape, 'c');
            case INT64: {
                double[] d = tensor.toDoubleArray();
                long[] v = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                    v[i] = (long) d[i];
                }
                return Nd4j.create(v, shape, DataType.LONG);
            }
            default:
                throw new IllegalArgumentException("Nd4jArrays.toNd4j: unsupported tensor type " + tensor.dtype());
        }
    }

    private static int[] intShape(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Nd4jArrays.toTensor: dimension " + i + " has " + shape[i]
                        + " elements, more than a course tensor can hold");
            }
            s[i] = (int) shape[i];
        }
        return s;
    }
}
