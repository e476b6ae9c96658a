package rnncourse.nn.recurrent;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The fused kernel's reusable float work arrays. A training step of a large model needs tens of MB
 * of them, and fresh arrays that size cost more (page faults, zeroing) than the arithmetic. The
 * kernel writes every element of an array it takes before reading it, so arrays are handed out
 * uncleared.
 */
final class WorkArrays {
    /** At most this many bytes are kept; arrays given back beyond it are dropped. */
    private static final long LIMIT_FLOATS = (48L << 20) / Float.BYTES;

    private static final Map<Integer, ArrayDeque<float[]>> FREE = new HashMap<>();
    private static long pooled;

    private WorkArrays() {
    }

    /** An array of length n, reused if one is free (its contents are then arbitrary). */
    static synchronized float[] take(int n) {
        ArrayDeque<float[]> q = FREE.get(n);
        if (q != null && !q.isEmpty()) {
            pooled -= n;
            return q.pop();
        }
        return new float[n];
    }

    /** Hands an array back for reuse; null is ignored. */
    static synchronized void give(float[] a) {
        if (a == null || pooled + a.length > LIMIT_FLOATS) {
            return;
        }
        pooled += a.length;
        FREE.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
    }
}
