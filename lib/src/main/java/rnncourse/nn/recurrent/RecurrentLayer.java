package rnncourse.nn.recurrent;

import java.util.List;
import rnncourse.tensor.Tensor;

/**
 * The entry point of the recurrent layers' engine: one layer, both directions, of {@code nn.RNN},
 * {@code nn.LSTM}, {@code nn.GRU} and their cells. float32 runs the fused kernel
 * ({@link FusedRecurrentLayer}, one autograd node over all time steps); float64 the step-by-step
 * tensor operations of {@link ReferenceRecurrentLayer}, the reference the fused kernel is tested
 * against.
 */
public final class RecurrentLayer {
    private RecurrentLayer() {
    }

    /**
     * @param kind    which recurrence
     * @param lay     where each sequence's row of each step lives in {@code x}
     * @param inSize  features of each input row
     * @param hidden  H, the hidden size
     * @param x       the layer input, {@code lay.rows × inSize} values in the layout's row order
     * @param h0      initial hidden states (dirs, B, H), or null for zeros
     * @param c0      LSTM initial cell states (dirs, B, H), or null for zeros
     * @param weights each direction's parameters, forward first
     * @return output (rows, dirs·H), h_n (dirs, B, H) and, for LSTM, c_n (dirs, B, H)
     */
    public static RecurrentOutputs apply(CellKind kind, SequenceLayout lay, int inSize, int hidden, Tensor x,
                                         Tensor h0, Tensor c0, List<DirectionWeights> weights) {
        return x.isFloat32() ? FusedRecurrentLayer.apply(kind, lay, inSize, hidden, x, h0, c0, weights)
                : ReferenceRecurrentLayer.apply(kind, lay, inSize, hidden, x, h0, c0, weights);
    }

    /**
     * A float32 batch-first (B, T, F) input as time-major rows (T·B, F), recorded, so that the fused
     * kernel copies each step's rows as one block (see {@link SequenceLayout}).
     */
    public static Tensor timeMajor(Tensor x, int steps, int batch) {
        return FusedRecurrentLayer.timeMajor(x, steps, batch);
    }

    /** The inverse of {@link #timeMajor}: time-major rows (T·B, F) back in batch-first order, recorded. */
    public static Tensor batchFirst(Tensor rows, int steps, int batch) {
        return FusedRecurrentLayer.batchFirst(rows, steps, batch);
    }
}
