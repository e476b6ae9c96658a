package rnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/** Windows, MinMaxScaler, Split and Batches on small series whose answers are known. */
class SeriesTest {
    /** 6 steps, 2 features: row t = (t, 10*t). */
    private static Tensor series() {
        float[] v = new float[12];
        for (int t = 0; t < 6; t++) {
            v[2 * t] = t;
            v[2 * t + 1] = 10 * t;
        }
        return Tensor.fromArray(v, 6, 2);
    }

    @Test
    void windowsOfAKnownSeries() {
        Windows.Pair p = Windows.make(series(), 3, 1);
        assertArrayEquals(new int[]{3, 3, 2}, p.x().shapeArray());
        assertArrayEquals(new int[]{3, 1}, p.y().shapeArray());
        assertEquals(3, p.size());
        // sample 1 covers rows 1..3; its target is row 4, column 1
        assertEquals(1.0, p.x().get(1, 0, 0));
        assertEquals(30.0, p.x().get(1, 2, 1));
        assertArrayEquals(new float[]{30, 40, 50}, p.y().toFloatArray());
        assertArrayEquals(new float[]{3, 4, 5}, Windows.make(series(), 3, -2).y().toFloatArray());
        assertEquals(DType.FLOAT32, p.x().dtype());
    }

    @Test
    void windowErrorsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Windows.make(series(), 6, 0));
        assertTrue(e.getMessage().contains("1..5") && e.getMessage().contains("got 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Windows.make(series(), 2, 2));
        assertTrue(e.getMessage().contains("targetColumn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Windows.make(Tensor.tensor(1, 2, 3), 1, 0));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void shiftedTextWindows() {
        List<Windows.TextPair> pairs = Windows.shifted("if you want", 10);
        assertEquals(1, pairs.size());
        assertEquals("if you wan", pairs.get(0).x());
        assertEquals("f you want", pairs.get(0).y());
        assertEquals(7, Windows.shifted("abcdefgh", 1).size());
    }

    @Test
    void scalerMatchesTheFormulaAndRoundTrips() {
        Tensor train = series();
        MinMaxScaler s = new MinMaxScaler().fit(train);
        assertArrayEquals(new double[]{0, 0}, s.min());
        assertArrayEquals(new double[]{5, 50}, s.max());
        Tensor scaled = s.transform(train);
        assertEquals(2 / (5 + 1e-7), scaled.get(2, 0), 1e-6);
        assertEquals(50 / (50 + 1e-7), scaled.get(5, 1), 1e-6);
        // a test value beyond the training range goes above 1, as it should
        Tensor test = Tensor.fromArray(new float[]{7, 70}, 1, 2);
        assertEquals(1.4, s.transform(test).get(0, 0), 1e-6);
        Tensor back = s.inverseTransform(scaled.slice(1, 1, 2), 1);
        assertArrayEquals(new int[]{6, 1}, back.shapeArray());
        for (int t = 0; t < 6; t++) {
            assertEquals(10.0 * t, back.get(t, 0), 1e-4);
        }
        assertTrue(s.inverseTransform(scaled).allclose(train, 1e-5, 1e-4));
        assertTrue(new MinMaxScaler().fitTransform(train).allclose(scaled));
    }

    @Test
    void constantColumnDoesNotDivideByZero() {
        Tensor c = Tensor.fromArray(new float[]{3, 1, 3, 2}, 2, 2);
        Tensor out = new MinMaxScaler().fitTransform(c);
        assertEquals(0.0, out.get(1, 0));
        assertFalse(Double.isNaN(out.get(0, 0)));
    }

    @Test
    void scalerErrors() {
        MinMaxScaler s = new MinMaxScaler();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.transform(series()));
        assertTrue(e.getMessage().contains("fit"), e.getMessage());
        s.fit(series());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> s.transform(Tensor.zeros(2, 3)));
        assertTrue(w.getMessage().contains("expected 2 columns"), w.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.inverseTransform(Tensor.zeros(2, 2), 0));
        assertThrows(IllegalArgumentException.class, () -> s.inverseTransform(Tensor.zeros(2, 1), 2));
    }

    @Test
    void sequentialSplitKeepsOrder() {
        assertEquals(512, Split.trainSize(732, 0.7));
        // 730 * 0.7 is 510.99999999999994 in doubles: Python's int() also gives 510
        assertEquals(510, Split.trainSize(730, 0.7));
        assertEquals(7, Split.trainSize(10, 0.7));
        Tensor data = Tensor.arange(10).reshape(10, 1);
        Split.Parts p = Split.sequential(data, 0.7);
        assertArrayEquals(new float[]{0, 1, 2, 3, 4, 5, 6}, p.train().toFloatArray());
        assertArrayEquals(new float[]{7, 8, 9}, p.test().toFloatArray());
        Split.Parts overlap = Split.sequential(data, 0.7, 3);
        assertArrayEquals(new float[]{4, 5, 6, 7, 8, 9}, overlap.test().toFloatArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.trainSize(10, 1.0));
        assertTrue(e.getMessage().contains("1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.trainSize(1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Split.sequential(data, 0.7, 7));
    }

    @Test
    void shuffledBatchesCoverEveryRowOnce() {
        List<int[]> b = Batches.shuffled(10, 4, 42);
        assertEquals(3, b.size());
        assertEquals(2, b.get(2).length);
        int[] all = b.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        // deterministic for a seed, different for another seed, and actually shuffled
        int[] first = b.stream().flatMapToInt(Arrays::stream).toArray();
        int[] again = Batches.shuffled(10, 4, 42).stream().flatMapToInt(Arrays::stream).toArray();
        int[] other = Batches.shuffled(10, 4, 43).stream().flatMapToInt(Arrays::stream).toArray();
        assertArrayEquals(first, again);
        assertNotEquals(Arrays.toString(first), Arrays.toString(other));
        assertNotEquals(Arrays.toString(all), Arrays.toString(first));
    }

    @Test
    void sequentialBatchesAndTake() {
        List<int[]> b = Batches.sequential(5, 2);
        assertEquals(3, b.size());
        assertArrayEquals(new int[]{4}, b.get(2));
        Tensor t = series();
        Tensor rows = Batches.take(t, new int[]{5, 0});
        assertArrayEquals(new float[]{5, 50, 0, 0}, rows.toFloatArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Batches.take(t, new int[]{6}));
        assertTrue(e.getMessage().contains("row 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Batches.shuffled(3, 0, 1));
    }
}
