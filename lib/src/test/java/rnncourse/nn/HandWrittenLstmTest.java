package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.Tensor;

/**
 * A float32 LSTM step written by hand from tensor operations, as the lessons write it, computes
 * the same bits as the library's fused kernel: both use {@code tensor.Kernels}' tanh and sigmoid.
 * The hand-written step adds the terms in the kernel's order, (h·W_hhᵀ + x·W_ihᵀ) + (b_ih + b_hh),
 * since float addition is not associative; with the activations of {@code Math} instead (as
 * before there was one activation library) these cases differed by up to 2.4e-7.
 */
class HandWrittenLstmTest {

    private static LSTMCell.State step(Tensor x, Tensor h, Tensor c, Map<String, Tensor> p, String suffix) {
        Tensor pre = h.matmul(p.get("weight_hh" + suffix).t()).add(x.matmul(p.get("weight_ih" + suffix).t()))
                .add(p.get("bias_ih" + suffix).add(p.get("bias_hh" + suffix)));
        List<Tensor> q = pre.chunk(4, 1);
        Tensor i = q.get(0).sigmoid();
        Tensor f = q.get(1).sigmoid();
        Tensor g = q.get(2).tanh();
        Tensor o = q.get(3).sigmoid();
        Tensor cNext = f.mul(c).add(i.mul(g));
        return new LSTMCell.State(o.mul(cNext.tanh()), cNext);
    }

    private static void assertSameBits(String what, Tensor expected, Tensor got) {
        assertArrayEquals(expected.floatData(), got.floatData(), 0f, what + ": max |difference| "
                + expected.maxAbsDiff(got));
    }

    @Test
    void aHandWrittenStepEqualsLstmCellBitForBit() {
        for (int[] size : new int[][]{{3, 5, 4}, {16, 28, 64}}) {
            int batch = size[0];
            Tensor.manualSeed(8 + batch);
            LSTMCell cell = new LSTMCell(size[1], size[2]);
            Tensor x = Tensor.randn(batch, size[1]);
            Tensor h = Tensor.randn(batch, size[2]);
            Tensor c = Tensor.randn(batch, size[2]);
            LSTMCell.State mine = step(x, h, c, cell.namedParameters(), "");
            LSTMCell.State lib = cell.forward(x, h, c);
            assertSameBits("h' " + batch, mine.h(), lib.h());
            assertSameBits("c' " + batch, mine.c(), lib.c());
        }
    }

    @Test
    void aHandWrittenLoopEqualsTheLstmLayerBitForBit() {
        Tensor.manualSeed(21);
        LSTM layer = new LSTM(5, 6);
        Map<String, Tensor> p = layer.namedParameters();
        Tensor seq = Tensor.randn(7, 3, 5);
        LSTMCell.State s = new LSTMCell.State(Tensor.zeros(3, 6), Tensor.zeros(3, 6));
        Tensor[] hs = new Tensor[7];
        for (int t = 0; t < 7; t++) {
            s = step(seq.select(0, t), s.h(), s.c(), p, "_l0");
            hs[t] = s.h();
        }
        LSTM.Output out = layer.forward(seq);
        assertSameBits("output", Tensor.stack(List.of(hs), 0), out.output());
        assertSameBits("c_n", s.c(), out.cN().select(0, 0));
        assertTrue(out.output().abs().max().item() > 0.05, "a non-trivial sequence");
    }
}
