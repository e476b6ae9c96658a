package rnncourse.nn.recurrent;

/**
 * The bias the fused kernel adds to each row's input projection: b_ih + b_hh, except GRU's b_hn, which
 * stays inside n = tanh(W_in·x + b_in + r·(W_hn·h + b_hn)) because the reset gate scales it.
 */
final class GateBias {
    private GateBias() {
    }

    /** (G) folded biases, zeros when {@code bih} is null (a layer without bias). */
    static float[] folded(CellKind kind, int hidden, float[] bih, float[] bhh) {
        int g = kind.gates * hidden;
        int fold = kind == CellKind.GRU ? 2 * hidden : g;
        float[] out = new float[g];
        for (int j = 0; bih != null && j < g; j++) {
            out[j] = bih[j] + (j < fold ? bhh[j] : 0f);
        }
        return out;
    }

    /** GRU's b_hn (H), the part of b_hh that stays out of the folded bias; zeros without bias. */
    static float[] gruHiddenNBias(int hidden, float[] bhh) {
        float[] bhn = new float[hidden];
        if (bhh != null) {
            System.arraycopy(bhh, 2 * hidden, bhn, 0, hidden);
        }
        return bhn;
    }
}
