package rnncourse.nn.recurrent;

import rnncourse.tensor.threads.Interruption;

/**
 * What the fused kernel's forward pass over one direction keeps for its backward pass, taken from
 * {@link WorkArrays} and given back once the backward pass has read it, or at once when nothing
 * will backpropagate.
 */
final class SavedActivations {
    /** (rows, G) gate activations; the backward pass overwrites them with pre-activation gradients. */
    final float[] gates;
    /** (rows, H) the hidden state each row's step started from. */
    final float[] hPrev;
    /** LSTM: (rows, H) the cell state each step started from; otherwise null. */
    final float[] cPrev;
    /** LSTM: (rows, H) tanh of the new cell state; otherwise null. */
    final float[] tanhC;
    /** GRU: (rows, H) W_hn·h + b_hn, the term the reset gate scales; otherwise null. */
    final float[] hiddenN;
    private boolean consumed;

    /**
     * Takes the arrays {@code kind} needs for {@code rows} rows of H hidden units from the pool,
     * with an interrupt check after each: a fresh array of hundreds of MB is zeroed in one
     * allocation no check can enter, slowly where the heap must first commit fresh memory, so a
     * stop waits for one such allocation, not for all of them.
     *
     * @param caller the thread whose interrupt stops the forward pass
     * @throws java.util.concurrent.CancellationException if {@code caller} is interrupted meanwhile
     */
    SavedActivations(CellKind kind, int rows, int hidden, Thread caller) {
        boolean lstm = kind == CellKind.LSTM;
        gates = takeChecked(rows * kind.gates * hidden, caller);
        hPrev = takeChecked(rows * hidden, caller);
        cPrev = lstm ? takeChecked(rows * hidden, caller) : null;
        tanhC = lstm ? takeChecked(rows * hidden, caller) : null;
        hiddenN = kind == CellKind.GRU ? takeChecked(rows * hidden, caller) : null;
    }

    private static float[] takeChecked(int n, Thread caller) {
        float[] a = WorkArrays.take(n);
        Interruption.check(caller);
        return a;
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
        WorkArrays.give(gates);
        WorkArrays.give(hPrev);
        WorkArrays.give(cPrev);
        WorkArrays.give(tanhC);
        WorkArrays.give(hiddenN);
    }
}
