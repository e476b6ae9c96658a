package rnncourse.nn;

/**
 * The four recurrences the recurrent layers compute, with how many gate blocks of width H each one's
 * weight matrices stack (PyTorch's gate order: LSTM i,f,g,o; GRU r,z,n).
 */
enum CellKind {
    RNN_TANH(1, "RNN"),
    RNN_RELU(1, "RNN"),
    LSTM(4, "LSTM"),
    GRU(3, "GRU");

    final int gates;
    final String label;

    CellKind(int gates, String label) {
        this.gates = gates;
        this.label = label;
    }
}
