package rnncourse.data;

import rnncourse.tensor.Generator;
import rnncourse.tensor.Tensor;

/**
 * Synthetic memory tasks: data sets whose answer depends on something the model saw many steps
 * earlier, so they separate recurrent units that can keep information (LSTM, GRU) from those that
 * cannot (a plain RNN).
 */
public final class MemoryTask {
    private MemoryTask() {
    }

    /**
     * A batch of a memory task.
     *
     * @param x one-hot inputs, float32 (n, length, symbols), batch first
     * @param y int64 class targets (n)
     */
    public record Samples(Tensor x, Tensor y) {
        /** Number of sequences. */
        public int size() {
            return y.size(0);
        }
    }

    /**
     * "Recall the first symbol": {@code n} sequences of {@code length} symbols, each drawn uniformly
     * from {@code 0..symbols-1}; the target of a sequence is its first symbol. Everything after the
     * first step is noise of the same kind, so a model must keep the first step in memory for
     * {@code length - 1} steps. A model that remembers nothing scores 1/symbols.
     *
     * <p>The symbols come from the global generator ({@link Tensor#generator()}), one
     * {@code nextInt(symbols)} per position, sequence after sequence, so {@link Tensor#manualSeed}
     * fixes the data and every call gives fresh sequences.
     *
     * @throws IllegalArgumentException if n or length is below 1 or symbols below 2
     */
    public static Samples firstSymbol(int n, int length, int symbols) {
        if (n < 1) {
            throw new IllegalArgumentException("MemoryTask.firstSymbol: n (number of sequences) must be >= 1, got " + n);
        }
        if (length < 1) {
            throw new IllegalArgumentException("MemoryTask.firstSymbol: length must be >= 1, got " + length);
        }
        if (symbols < 2) {
            throw new IllegalArgumentException("MemoryTask.firstSymbol: symbols must be >= 2 (one symbol leaves "
                    + "nothing to remember), got " + symbols);
        }
        if ((long) n * length > Integer.MAX_VALUE / symbols) {
            throw new IllegalArgumentException("MemoryTask.firstSymbol: n·length·symbols = " + (long) n * length * symbols
                    + " one-hot values do not fit in one tensor");
        }
        Generator rng = Tensor.generator();
        int[] sequence = new int[n * length];
        int[] first = new int[n];
        for (int k = 0; k < sequence.length; k++) {
            sequence[k] = rng.nextInt(symbols);
        }
        for (int s = 0; s < n; s++) {
            first[s] = sequence[s * length];
        }
        return new Samples(Tensor.oneHot(sequence, symbols).view(n, length, symbols), Tensor.tensorLong(first, n));
    }

    /**
     * "Recall the marked symbol": {@code n} sequences of {@code length} symbols drawn uniformly from
     * {@code 0..symbols-1}, one step of each carrying a marker; the target is the symbol at the
     * marked step. The marker is a second input channel, so x is (n, length, symbols + 1): the
     * one-hot symbol and, last, 1 at the marked step. The marked step is drawn uniformly from the
     * whole sequence, so the gap between it and the end ranges from 0 to {@code length - 1}: short
     * gaps are easy to learn first, and a model that keeps what it learned there over the long
     * gaps has a memory. Use {@link #markedSymbol(int, int, int, int)} to test one gap.
     *
     * <p>Draws from the global generator, per sequence the marked step ({@code nextInt(length)})
     * then one {@code nextInt(symbols)} per step.
     *
     * @throws IllegalArgumentException if n or length is below 1 or symbols below 2
     */
    public static Samples markedSymbol(int n, int length, int symbols) {
        return marked(n, length, symbols, -1);
    }

    /**
     * {@link #markedSymbol(int, int, int)} with the marker always at step {@code position}: 0 asks
     * for the longest gap, {@code length - 1} steps.
     *
     * @throws IllegalArgumentException if position is outside 0..length-1, or as the other overload
     */
    public static Samples markedSymbol(int n, int length, int symbols, int position) {
        if (position < 0 || position >= length) {
            throw new IllegalArgumentException("MemoryTask.markedSymbol: position must be in 0.." + (length - 1)
                    + " (the sequence has " + length + " steps), got " + position);
        }
        return marked(n, length, symbols, position);
    }

    private static Samples marked(int n, int length, int symbols, int position) {
        if (n < 1) {
            throw new IllegalArgumentException("MemoryTask.markedSymbol: n (number of sequences) must be >= 1, got " + n);
        }
        if (length < 1) {
            throw new IllegalArgumentException("MemoryTask.markedSymbol: length must be >= 1, got " + length);
        }
        if (symbols < 2) {
            throw new IllegalArgumentException("MemoryTask.markedSymbol: symbols must be >= 2, got " + symbols);
        }
        int width = symbols + 1;
        if ((long) n * length > Integer.MAX_VALUE / width) {
            throw new IllegalArgumentException("MemoryTask.markedSymbol: n·length·(symbols+1) = " + (long) n * length * width
                    + " values do not fit in one tensor");
        }
        Generator rng = Tensor.generator();
        float[] x = new float[n * length * width];
        int[] target = new int[n];
        for (int s = 0; s < n; s++) {
            int marked = position >= 0 ? position : rng.nextInt(length);
            for (int t = 0; t < length; t++) {
                int symbol = rng.nextInt(symbols);
                int at = (s * length + t) * width;
                x[at + symbol] = 1;
                if (t == marked) {
                    x[at + symbols] = 1;
                    target[s] = symbol;
                }
            }
        }
        return new Samples(Tensor.fromArray(x, n, length, width), Tensor.tensorLong(target, n));
    }
}
