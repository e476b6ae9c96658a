package rnncourse.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import rnncourse.tensor.Tensor;

/**
 * Mini-batches as lists of row indices, like a {@code DataLoader}'s sampler: pick the rows with
 * {@link #take(Tensor, int[])}.
 */
public final class Batches {
    private Batches() {
    }

    /**
     * The rows 0..n-1 in a random order fixed by {@code seed}, cut into batches of {@code batchSize};
     * the last batch holds the remainder when {@code n} is not a multiple. A new seed per epoch gives
     * a new order.
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code batchSize < 1}
     */
    public static List<int[]> shuffled(int n, int batchSize, long seed) {
        check("shuffled", n, batchSize);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Fisher-Yates with java.util.Random: the same seed gives the same order on every JVM.
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return cut(order, batchSize);
    }

    /**
     * The rows 0..n-1 in order, cut into batches of {@code batchSize} (last one partial if needed), e.g.
     * for evaluation.
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code batchSize < 1}
     */
    public static List<int[]> sequential(int n, int batchSize) {
        check("sequential", n, batchSize);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return cut(order, batchSize);
    }

    /**
     * The given rows of {@code t} (along dimension 0), in that order: {@code t.indexSelect(0, rows)}.
     *
     * @throws IndexOutOfBoundsException if a row is out of range (the message names it)
     */
    public static Tensor take(Tensor t, int[] rows) {
        if (t.dim() == 0) {
            throw new IllegalArgumentException("Batches.take: expected a tensor with rows, got a scalar");
        }
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= t.size(0)) {
                throw new IndexOutOfBoundsException("Batches.take: row " + rows[k] + " (position " + k
                        + ") is out of range for a tensor of shape " + Arrays.toString(t.shapeArray()));
            }
        }
        return t.indexSelect(0, rows);
    }

    private static List<int[]> cut(int[] order, int batchSize) {
        List<int[]> out = new ArrayList<>((order.length + batchSize - 1) / batchSize);
        for (int start = 0; start < order.length; start += batchSize) {
            out.add(Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize)));
        }
        return out;
    }

    private static void check(String what, int n, int batchSize) {
        if (n < 0) {
            throw new IllegalArgumentException("Batches." + what + ": n must be >= 0, got " + n);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batches." + what + ": batchSize must be >= 1, got " + batchSize);
        }
    }
}
