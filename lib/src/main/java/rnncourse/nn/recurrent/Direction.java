package rnncourse.nn.recurrent;

/**
 * One direction of one recurrent layer: the recurrence, where each time step's rows are
 * ({@link SequenceLayout}), whether the steps run backwards, and the sizes.
 *
 * @param kind      the recurrence
 * @param layout    where the row of sequence b at step t lives
 * @param reverse   true for the backward direction of a bidirectional layer
 * @param inputSize features of each input row
 * @param hidden    H, features of the hidden state
 */
record Direction(CellKind kind, SequenceLayout layout, boolean reverse, int inputSize, int hidden) {
    /** G = gates·H, the width of a row of pre-activations. */
    int gateCols() {
        return kind.gates * hidden;
    }

    /** The time step that the forward pass visits s-th: s, or T − 1 − s for the reverse direction. */
    int forwardStep(int s) {
        return reverse ? layout.steps - 1 - s : s;
    }

    /** The time step that the backward pass visits s-th: the forward order reversed. */
    int backwardStep(int s) {
        return reverse ? s : layout.steps - 1 - s;
    }
}
