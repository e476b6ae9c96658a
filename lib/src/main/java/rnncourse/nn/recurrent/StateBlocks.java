package rnncourse.nn.recurrent;

/**
 * Where one direction's (batch, H) hidden and cell states live: {@code h[offset ..]} and
 * {@code c[offset ..]}, the direction's block of a (dirs, batch, H) tensor. A null array means zeros
 * for an initial state, and "not wanted" or "no gradient" elsewhere; {@code c} is used by LSTMs only.
 */
record StateBlocks(float[] h, float[] c, int offset) {
    /** A copy of the hidden states of sequences b0 ≤ b &lt; b0 + n, (n, H); zeros without h. */
    float[] readH(int b0, int n, int hidden) {
        return read(h, b0, n, hidden);
    }

    /** A copy of the cell states of sequences b0 ≤ b &lt; b0 + n, (n, H); zeros without c. */
    float[] readC(int b0, int n, int hidden) {
        return read(c, b0, n, hidden);
    }

    /** Writes n sequences' hidden states from {@code from} at sequence b0; nothing without h. */
    void writeH(float[] from, int b0, int n, int hidden) {
        write(from, h, b0, n, hidden);
    }

    /** Writes n sequences' cell states from {@code from} (null: nothing) at sequence b0; nothing without c. */
    void writeC(float[] from, int b0, int n, int hidden) {
        write(from, c, b0, n, hidden);
    }

    private float[] read(float[] src, int b0, int n, int hidden) {
        float[] into = new float[n * hidden];
        if (src != null) {
            System.arraycopy(src, offset + b0 * hidden, into, 0, n * hidden);
        }
        return into;
    }

    private void write(float[] from, float[] dst, int b0, int n, int hidden) {
        if (from != null && dst != null) {
            System.arraycopy(from, 0, dst, offset + b0 * hidden, n * hidden);
        }
    }
}
