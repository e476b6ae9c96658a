package rnncourse.nn;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The recurrent kernels' reusable work arrays, one pool per element type. A training step of a
 * large model needs tens of MB of them, and fresh arrays that size cost more (page faults, zeroing)
 * than the arithmetic. The kernels write every element of an array they take before reading it,
 * so arrays are handed out uncleared.
 */
final class WorkArrays<A> {
    /** Float arrays, for the float32 kernel. */
    static final WorkArrays<float[]> FLOATS = new WorkArrays<>(float[]::new, a -> a.length, Float.BYTES);
    /** Double arrays, for the float64 kernel. */
    static final WorkArrays<double[]> DOUBLES = new WorkArrays<>(double[]::new, a -> a.length, Double.BYTES);

    /** At most this many bytes are kept per element type; arrays given back beyond it are dropped. */
    private static final long LIMIT_BYTES = 48L << 20;

    private final Map<Integer, ArrayDeque<A>> free = new HashMap<>();
    private final IntFunction<A> make;
    private final ToIntFunction<A> length;
    private final long limit;
    private long pooled;

    private WorkArrays(IntFunction<A> make, ToIntFunction<A> length, int bytes) {
        this.make = make;
        this.length = length;
        this.limit = LIMIT_BYTES / bytes;
    }

    /** An array of length n, reused if one is free (its contents are then arbitrary). */
    synchronized A take(int n) {
        ArrayDeque<A> q = free.get(n);
        if (q != null && !q.isEmpty()) {
            pooled -= n;
            return q.pop();
        }
        return make.apply(n);
    }

    /** Hands an array back for reuse; null is ignored. */
    synchronized void give(A a) {
        if (a == null) {
            return;
        }
        int n = length.applyAsInt(a);
        if (pooled + n > limit) {
            return;
        }
        pooled += n;
        free.computeIfAbsent(n, k -> new ArrayDeque<>()).push(a);
    }
}
