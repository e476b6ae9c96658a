package rnncourse.nn;

/**
 * One direction of one recurrent layer, as the kernels see it: the recurrence, where each time
 * step's rows are ({@link SequenceLayout}), whether the steps run backwards, and the sizes.
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
}
