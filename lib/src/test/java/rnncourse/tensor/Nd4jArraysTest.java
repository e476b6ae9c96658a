package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jArraysTest {
    @Test
    void doubleMatrixKeepsShapeTypeAndValues() {
        INDArray a = Nd4j.create(new double[]{1, 2, 3, 4, 5, 6}, new long[]{2, 3}, 'c');
        Tensor t = Nd4jArrays.toTensor(a);
        assertArrayEquals(new int[]{2, 3}, t.shapeArray());
        assertEquals(DType.FLOAT64, t.dtype());
        assertEquals(6.0, t.get(1, 2));
        assertEquals(2.0, t.get(0, 1));
    }

    @Test
    void viewsAndFortranOrderAreReadRowMajor() {
        INDArray a = Nd4j.create(new float[]{1, 2, 3, 4, 5, 6}, new long[]{2, 3}, 'c');
        Tensor tt = Nd4jArrays.toTensor(a.transpose());          // a (3, 2) view of the same buffer
        assertArrayEquals(new int[]{3, 2}, tt.shapeArray());
        assertEquals(DType.FLOAT32, tt.dtype());
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, tt.toFloatArray());
        INDArray f = a.dup('f');
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, Nd4jArrays.toTensor(f).toFloatArray());
        Tensor row = Nd4jArrays.toTensor(a.getRow(1));             // a slice with an offset
        assertArrayEquals(new float[]{4, 5, 6}, row.toFloatArray());
        assertArrayEquals(new int[]{3}, row.shapeArray());
    }

    @Test
    void roundTripsEveryType() {
        Tensor.manualSeed(1);
        Tensor f = Tensor.randn(2, 3, 4);
        INDArray nf = Nd4jArrays.toNd4j(f);
        assertEquals(DataType.FLOAT, nf.dataType());
        assertArrayEquals(new long[]{2, 3, 4}, nf.shape());
        assertEquals(f.get(1, 2, 3), nf.getDouble(1, 2, 3), 0.0);
        assertEquals(0.0, Nd4jArrays.toTensor(nf).maxAbsDiff(f), 0.0);

        Tensor d = Tensor.randn(DType.FLOAT64, 5, 1);
        INDArray nd = Nd4jArrays.toNd4j(d);
        assertEquals(DataType.DOUBLE, nd.dataType());
        assertEquals(0.0, Nd4jArrays.toTensor(nd).maxAbsDiff(d), 0.0);

        Tensor l = Tensor.tensorLong(3, -7, 1L << 40);
        INDArray nl = Nd4jArrays.toNd4j(l);
        assertEquals(DataType.LONG, nl.dataType());
        assertEquals(1L << 40, nl.getLong(2));
        Tensor back = Nd4jArrays.toTensor(nl);
        assertEquals(DType.INT64, back.dtype());
        assertArrayEquals(l.toDoubleArray(), back.toDoubleArray());
    }

    @Test
    void copiesDoNotShareMemory() {
        Tensor t = Tensor.zeros(DType.FLOAT64, 2, 2);
        INDArray a = Nd4jArrays.toNd4j(t);
        a.putScalar(0, 0, 9.0);
        assertEquals(0.0, t.get(0, 0));
        Tensor back = Nd4jArrays.toTensor(a);
        a.putScalar(0, 0, 1.0);
        assertEquals(9.0, back.get(0, 0));
    }

    @Test
    void scalarsAndEmptyArrays() {
        Tensor s = Nd4jArrays.toTensor(Nd4j.scalar(2.5));
        assertEquals(0, s.dim());
        assertEquals(2.5, s.item());
        INDArray back = Nd4jArrays.toNd4j(Tensor.scalar(4.0));
        assertEquals(0, back.rank());
        assertEquals(4.0, back.getDouble(0), 1e-6);
    }

    @Test
    void unsupportedTypesAndNullsGetClearErrors() {
        INDArray ints = Nd4j.create(new int[]{1, 2, 3}, new long[]{3}, DataType.INT);
        var e = assertThrows(IllegalArgumentException.class, () -> Nd4jArrays.toTensor(ints));
        assertTrue(e.getMessage().contains("INT") && e.getMessage().contains("castTo"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nd4jArrays.toTensor(null));
        assertThrows(IllegalArgumentException.class, () -> Nd4jArrays.toNd4j(null));
    }
}
