package rnncourse.nn.recurrent;

/**
 * The four recurrences the recurrent layers compute, with how many gate blocks of width H each one's
 * weight matrices stack (PyTorch's gate order: LSTM i,f,g,o; GRU r,z,n).
 */
public enum CellKind {
    RNN_TANH(1, "RNN"),
    RNN_RELU(1, "RNN"),
    LSTM(4, "LSTM"),
    GRU(3, "GRU");

    /** How many gate blocks of width H the weight matrices stack: 1, 4 or 3. */
    public final int gates;
    /** The module's name in messages and grad_fn names: "RNN", "LSTM" or "GRU". */
    public final String label;

    CellKind(int gates, String label) {
        this.gates = gates;
        this.label = label;
    }
}
