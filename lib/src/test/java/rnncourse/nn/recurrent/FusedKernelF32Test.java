package rnncourse.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rnncourse.nn.GRU;
import rnncourse.nn.LSTM;
import rnncourse.nn.Module;
import rnncourse.nn.RNN;
import rnncourse.nn.utils.PackedSequence;
import rnncourse.nn.utils.RnnUtils;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * The optimized float32 recurrent kernel (rational-function activations, two-core time loop,
 * hand-written backward) against the float64 layers, which run {@link ReferenceRecurrentLayer}'s
 * step-by-step tensor operations and autograd, on the same weights and inputs: outputs, final
 * states and every gradient must agree to float32 precision. Batch sizes are chosen on both sides of the size from
 * which the time loop is split across two threads, so both code paths are covered.
 */
class FusedKernelF32Test {
    /** Builds a layer; the same seed gives the same initial weights. */
    private interface Factory {
        Module make();
    }

    /** Runs a layer on an input, returns {output, h_n, c_n or null}. */
    private interface Runner {
        Tensor[] run(Module m, Tensor x);
    }

    @Test
    void lstmMatchesFloat64Reference() {
        // batch 3: one-thread time loop; batch 40 with hidden 64: the two-thread time
        // loop; both batch-first, which RNNBase reorders to time-major rows
        for (int batch : new int[]{3, 40}) {
            int hidden = batch == 3 ? 32 : 64;
            check("LSTM batch " + batch, () -> new LSTM(6, hidden, LSTM.options().numLayers(2).batchFirst(true)),
                    (m, x) -> {
                        LSTM.Output o = ((LSTM) m).forward(x);
                        return new Tensor[]{o.output(), o.hN(), o.cN()};
                    }, batch, 30, 6, true);
        }
    }

    @Test
    void rnnAndGruMatchFloat64Reference() {
        for (int batch : new int[]{4, 64}) {
            check("RNN tanh batch " + batch, () -> new RNN(5, 32, RNN.options().numLayers(2)),
                    (m, x) -> {
                        RNN.Output o = ((RNN) m).forward(x);
                        return new Tensor[]{o.output(), o.hN(), null};
                    }, batch, 25, 5, false);
            check("RNN relu bidirectional batch " + batch,
                    () -> new RNN(5, 32, RNN.options().nonlinearity("relu").bidirectional(true).batchFirst(true)),
                    (m, x) -> {
                        RNN.Output o = ((RNN) m).forward(x);
                        return new Tensor[]{o.output(), o.hN(), null};
                    }, batch, 25, 5, true);
            check("GRU batch " + batch, () -> new GRU(5, 24, GRU.options().batchFirst(true).bidirectional(true)),
                    (m, x) -> {
                        GRU.Output o = ((GRU) m).forward(x);
                        return new Tensor[]{o.output(), o.hN(), null};
                    }, batch, 25, 5, true);
        }
    }

    @Test
    void packedLstmMatchesFloat64Reference() {
        int batch = 40;
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = 30 - (b * 29) / (batch - 1); // 30 down to 1, sorted as packing wants
        }
        check("packed LSTM", () -> new LSTM(6, 32, LSTM.options().batchFirst(true).bidirectional(true)),
                (m, x) -> {
                    PackedSequence p = RnnUtils.packPaddedSequence(x, lengths, true, true);
                    LSTM.PackedOutput o = ((LSTM) m).forward(p);
                    return new Tensor[]{o.output().data(), o.hN(), o.cN()};
                }, batch, 30, 6, true);
    }

    @Test
    void blockedInputProjectionAgreesWithTheWholeProductAndRepeatsItsBits() {
        // 7,001 rows of 28 features onto 512 gate columns: 3.6 M gate values, so two blocks of
        // 3,501 and 3,500 rows; an odd row count, so the second block does not start on a multiple of 8
        int rows = 7001;
        int g = 512;
        int in = 28;
        Tensor.manualSeed(5);
        float[] x = Tensor.randn(rows, in).floatData();
        float[] w = Tensor.randn(g, in).floatData();
        assertTrue((long) rows * g > RecurrentKernelF32.PROJECTION_BLOCK_FLOATS, "the shape must be cut into blocks");
        float[] whole = new float[rows * g];
        rnncourse.tensor.gemm.Gemm.sgemm(false, true, rows, g, in, x, 0, w, 0, 0f, whole, 0);
        float[] blocked = new float[rows * g];
        RecurrentKernelF32.inputProjection(rows, g, in, x, w, blocked, Thread.currentThread());
        // both within float32's dot-product error bound k·2⁻²⁴·Σ|x·w| of the exact (double) value
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < g; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < in; p++) {
                    double term = (double) x[r * in + p] * w[j * in + p];
                    exact += term;
                    magnitude += Math.abs(term);
                }
                double bound = in * 0x1p-24 * magnitude;
                int i = r * g + j;
                if (!(Math.abs(whole[i] - exact) <= bound && Math.abs(blocked[i] - exact) <= bound)) {
                    throw new AssertionError("row " + r + ", column " + j + ": exact " + exact + ", whole " + whole[i]
                            + ", blocked " + blocked[i] + ", bound " + bound);
                }
            }
        }
        float[] again = new float[rows * g];
        RecurrentKernelF32.inputProjection(rows, g, in, x, w, again, Thread.currentThread());
        org.junit.jupiter.api.Assertions.assertArrayEquals(blocked, again, "the blocked projection repeats its bits");
    }

    private static void check(String what, Factory factory, Runner runner, int batch, int steps, int features,
                              boolean batchFirst) {
        Tensor.manualSeed(11);
        Module m32 = factory.make();
        Tensor.manualSeed(11);
        Module m64 = factory.make();
        m64.to(DType.FLOAT64);
        Tensor.manualSeed(12);
        Tensor x32 = batchFirst ? Tensor.randn(batch, steps, features) : Tensor.randn(steps, batch, features);
        Tensor x64 = x32.toDouble();
        x32.requiresGrad_(true);
        x64.requiresGrad_(true);
        Tensor[] o32 = runner.run(m32, x32);
        Tensor[] o64 = runner.run(m64, x64);
        List<Tensor> weights = new ArrayList<>();
        Tensor loss32 = null;
        Tensor loss64 = null;
        for (int i = 0; i < 3; i++) {
            if (o32[i] == null) {
                continue;
            }
            assertClose(what + " forward value " + i, o64[i], o32[i]);
            Tensor w = Tensor.randn(o32[i].shapeArray());
            weights.add(w);
            Tensor l32 = o32[i].mul(w).sum();
            Tensor l64 = o64[i].mul(w.toDouble()).sum();
            loss32 = loss32 == null ? l32 : loss32.add(l32);
            loss64 = loss64 == null ? l64 : loss64.add(l64);
        }
        loss32.backward();
        loss64.backward();
        assertClose(what + " input gradient", x64.grad(), x32.grad());
        Map<String, Tensor> p32 = m32.namedParameters();
        Map<String, Tensor> p64 = m64.namedParameters();
        for (String name : p32.keySet()) {
            assertClose(what + " gradient of " + name, p64.get(name).grad(), p32.get(name).grad());
        }
    }

    private static void assertClose(String what, Tensor reference, Tensor got) {
        Tensor ref32 = reference.toFloat();
        double scale = Math.max(1, ref32.abs().max().item());
        double diff = ref32.maxAbsDiff(got);
        assertTrue(diff <= 2e-5 * scale, what + ": max |float32 − float64| = " + diff + " (scale " + scale + ")");
    }
}
