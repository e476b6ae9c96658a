package rnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import rnncourse.tensor.Tensor;

/** The data steps of notebooks 10 (stock prices) and 13 (MNIST), end to end on the real files. */
class LessonPipelineTest {
    @Test
    void stockWindowsLikeLab11Part4() {
        Tensor xy = Tables.toTensor(Tables.stockPrices(), "Open", "High", "Low", "Volume", "Close");
        int window = 7;
        Split.Parts parts = Split.sequential(xy, 0.7, window);
        assertEquals(512, parts.train().size(0));
        assertEquals(732 - 512 + window, parts.test().size(0));
        MinMaxScaler scaler = new MinMaxScaler().fit(parts.train());
        Tensor train = scaler.transform(parts.train());
        Tensor test = scaler.transform(parts.test());
        for (float v : train.floatData()) {
            assertTrue(v >= 0 && v <= 1);
        }
        Windows.Pair tr = Windows.make(train, window, -1);
        Windows.Pair te = Windows.make(test, window, -1);
        assertArrayEquals(new int[]{505, 7, 5}, tr.x().shapeArray());
        assertArrayEquals(new int[]{220, 1}, te.y().shapeArray());
        // the first test target is the first day after the training period, back in dollars
        Tensor firstTarget = scaler.inverseTransform(te.y().slice(0, 0, 1), 4);
        assertEquals(xy.get(512, 4), firstTarget.item(), 1e-3);
        // and the last training window ends the day before the last training target
        assertEquals(train.get(510, 4), tr.x().get(504, 6, 4), 0);
        assertEquals(train.get(511, 4), tr.y().get(504, 0), 0);
    }

    @Test
    void mnistBatchesOfHundred() {
        Mnist.Split train = Mnist.train();
        List<int[]> batches = Batches.shuffled(train.size(), 100, 1);
        assertEquals(80, batches.size());
        assertEquals(96, batches.get(79).length);
        int[] rows = batches.get(0);
        Tensor x = Batches.take(train.images(), rows);
        Tensor y = Batches.take(train.labels(), rows);
        assertArrayEquals(new int[]{100, 28, 28}, x.shapeArray());
        assertArrayEquals(new int[]{100}, y.shapeArray());
        assertEquals(train.labels().get(rows[7]), y.get(7));
        assertEquals(train.images().get(rows[3], 14, 14), x.get(3, 14, 14));
    }
}
