package rnncourse.nn.recurrent;

/**
 * Where the row of sequence b at time step t lives in a (rows, features) matrix, for the three
 * layouts the recurrent layers accept: time-major (T, B, ·), batch-first (B, T, ·) and packed
 * (the rows of step t are consecutive, only the first {@code batchSizes[t]} sequences are still
 * running). The fused kernel and the float64 reference address every row as
 * {@code base[t] + b·stride}, so each layout is computed as it is. Contiguous step rows (stride 1)
 * are still faster, since the kernel then copies a step's rows as one block: that is why
 * {@code nn.RNNBase} reorders a float32 batch-first input to time-major rows once around the layer
 * stack ({@link FusedRecurrentLayer#timeMajor}).
 */
public final class SequenceLayout {
    final int steps;
    /** How many sequences (the longest step's batch size when packed). */
    public final int batch;
    /** How many rows of features the layout addresses in all. */
    public final int rows;
    final int stride;
    final int[] batchSizes;
    final int[] base;

    private SequenceLayout(int steps, int batch, int rows, int stride, int[] batchSizes, int[] base) {
        this.steps = steps;
        this.batch = batch;
        this.rows = rows;
        this.stride = stride;
        this.batchSizes = batchSizes;
        this.base = base;
    }

    /** The row of sequence b at time step t. */
    int row(int t, int b) {
        return base[t] + b * stride;
    }

    /** How many of the sequences b0 ≤ b &lt; b1 are still running at step t (0 or more). */
    int running(int t, int b0, int b1) {
        return Math.max(0, Math.min(batchSizes[t], b1) - b0);
    }

    /** Rows ordered (t, b): row = t·B + b. */
    public static SequenceLayout timeMajor(int steps, int batch) {
        int[] bs = new int[steps];
        int[] base = new int[steps];
        for (int t = 0; t < steps; t++) {
            bs[t] = batch;
            base[t] = t * batch;
        }
        return new SequenceLayout(steps, batch, steps * batch, 1, bs, base);
    }

    /** Rows ordered (b, t): row = b·T + t. */
    public static SequenceLayout batchFirst(int steps, int batch) {
        int[] bs = new int[steps];
        int[] base = new int[steps];
        for (int t = 0; t < steps; t++) {
            bs[t] = batch;
            base[t] = t;
        }
        return new SequenceLayout(steps, batch, steps * batch, steps, bs, base);
    }

    /** A packed batch: step t holds rows base[t] .. base[t]+batchSizes[t]-1 (sizes non-increasing). */
    public static SequenceLayout packed(int[] batchSizes) {
        int[] base = new int[batchSizes.length];
        int rows = 0;
        for (int t = 0; t < batchSizes.length; t++) {
            base[t] = rows;
            rows += batchSizes[t];
        }
        return new SequenceLayout(batchSizes.length, batchSizes.length == 0 ? 0 : batchSizes[0], rows, 1,
                batchSizes.clone(), base);
    }
}
