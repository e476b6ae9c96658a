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
}
