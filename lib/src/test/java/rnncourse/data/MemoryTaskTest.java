package rnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

class MemoryTaskTest {
    @Test
    void firstSymbolShapesTypesAndTargets() {
        Tensor.manualSeed(11);
        MemoryTask.Samples s = MemoryTask.firstSymbol(50, 7, 5);
        assertArrayEquals(new int[]{50, 7, 5}, s.x().shapeArray());
        assertArrayEquals(new int[]{50}, s.y().shapeArray());
        assertEquals(DType.FLOAT32, s.x().dtype());
        assertEquals(DType.INT64, s.y().dtype());
        assertEquals(50, s.size());
        // every step is one-hot and the target is the symbol of step 0
        assertEquals(50 * 7, s.x().sum().item(), 0.0);
        int[] firstStep = s.x().select(1, 0).argmax(1).toIntArray();
        assertArrayEquals(firstStep, s.y().toIntArray());
        // all five symbols occur in 350 draws (probability of missing one is about 5·0.8^350)
        int[] all = s.x().argmax(2).flatten().toIntArray();
        for (int k = 0; k < 5; k++) {
            final int sym = k;
            assertTrue(java.util.Arrays.stream(all).anyMatch(v -> v == sym), "symbol " + k + " occurs");
        }
    }

    @Test
    void drawsOneNextIntPerPositionFromTheGlobalGenerator() {
        Tensor.manualSeed(777);
        int[] expected = new int[3 * 4];
        for (int k = 0; k < expected.length; k++) {
            expected[k] = Tensor.generator().nextInt(6);
        }
        Tensor.manualSeed(777);
        MemoryTask.Samples s = MemoryTask.firstSymbol(3, 4, 6);
        assertArrayEquals(expected, s.x().argmax(2).flatten().toIntArray());
        assertArrayEquals(new int[]{expected[0], expected[4], expected[8]}, s.y().toIntArray());
        // the next call continues the stream: fresh data
        MemoryTask.Samples next = MemoryTask.firstSymbol(3, 4, 6);
        assertNotEquals(0.0, next.x().maxAbsDiff(s.x()));
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> MemoryTask.firstSymbol(0, 5, 3));
        assertTrue(e.getMessage().contains("n"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MemoryTask.firstSymbol(2, 0, 3));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MemoryTask.firstSymbol(2, 5, 1));
        assertTrue(e.getMessage().contains("symbols"), e.getMessage());
    }

    @Test
    void markedSymbolTargetsTheMarkedStep() {
        Tensor.manualSeed(5);
        MemoryTask.Samples s = MemoryTask.markedSymbol(50, 9, 4);
        assertArrayEquals(new int[]{50, 9, 5}, s.x().shapeArray());
        int[] symbols = s.x().slice(2, 0, 4).argmax(2).flatten().toIntArray();
        double[] marker = s.x().select(2, 4).flatten().toDoubleArray();
        int[] y = s.y().toIntArray();
        java.util.Set<Integer> positions = new java.util.HashSet<>();
        for (int n = 0; n < 50; n++) {
            int marks = 0;
            for (int t = 0; t < 9; t++) {
                if (marker[n * 9 + t] == 1) {
                    marks++;
                    positions.add(t);
                    assertEquals(symbols[n * 9 + t], y[n], "sequence " + n);
                }
            }
            assertEquals(1, marks, "one marker in sequence " + n);
        }
        assertTrue(positions.size() > 4, "the marked step varies: " + positions);
        MemoryTask.Samples first = MemoryTask.markedSymbol(6, 9, 4, 0);
        assertArrayEquals(first.x().select(1, 0).slice(1, 0, 4).argmax(1).toIntArray(), first.y().toIntArray());
        assertEquals(6.0, first.x().select(1, 0).select(1, 4).sum().item());
        var e = assertThrows(IllegalArgumentException.class, () -> MemoryTask.markedSymbol(2, 5, 3, 5));
        assertTrue(e.getMessage().contains("position"), e.getMessage());
    }
}
