package rnncourse.nn;

/**
 * What a kernel's forward pass over one direction keeps for its backward pass, in the kernel's
 * element type ({@code float[]} or {@code double[]}), taken from {@link WorkArrays} and given back
 * once the backward pass has read it, or at once when nothing will backpropagate.
 */
final class SavedActivations<A> {
    /** (rows, G) gate activations; the backward pass overwrites them with pre-activation gradients. */
    final A gates;
    /** (rows, H) the hidden state each row's step started from. */
    final A hPrev;
    /** LSTM: (rows, H) the cell state each step started from; otherwise null. */
    final A cPrev;
    /** LSTM: (rows, H) tanh of the new cell state; otherwise null. */
    final A tanhC;
    /** GRU: (rows, H) W_hn·h + b_hn, the term the reset gate scales; otherwise null. */
    final A hiddenN;
    private final WorkArrays<A> pool;
    private boolean consumed;

    /** Takes the arrays {@code kind} needs for {@code rows} rows of H hidden units from {@code pool}. */
    SavedActivations(CellKind kind, int rows, int hidden, WorkArrays<A> pool) {
        this.pool = pool;
        boolean lstm = kind == CellKind.LSTM;
        gates = pool.take(rows * kind.gates * hidden);
        hPrev = pool.take(rows * hidden);
        cPrev = lstm ? pool.take(rows * hidden) : null;
        tanhC = lstm ? pool.take(rows * hidden) : null;
        hiddenN = kind == CellKind.GRU ? pool.take(rows * hidden) : null;
    }

    /** Marks the activations as being read by a backward pass, which may happen once only. */
    void consume() {
        if (consumed) {
            throw new IllegalStateException("Trying to backward through a recurrent layer a second time: its "
                    + "saved activations were already used and freed; run the forward pass again");
        }
        consumed = true;
    }

    /** Hands the arrays back for reuse once nothing will read them again. */
    void release() {
        consumed = true;
        pool.give(gates);
        pool.give(hPrev);
        pool.give(cPrev);
        pool.give(tanhC);
        pool.give(hiddenN);
    }
}
