package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnncourse.nn.RNNTest.pattern;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rnncourse.nn.utils.PackedSequence;
import rnncourse.nn.utils.RnnUtils;
import rnncourse.tensor.DType;
import rnncourse.tensor.GradCheck;
import rnncourse.tensor.Tensor;

/** Padding and packing, and recurrent layers over packed batches. */
class PackedSequenceTest {
    /** Sequences of lengths 2, 4, 1, 3 (deliberately unsorted) with 3 features, values 1, 2, 3, ... */
    private static List<Tensor> sequences(DType type) {
        int[] lengths = {2, 4, 1, 3};
        List<Tensor> seqs = new ArrayList<>();
        int v = 1;
        for (int len : lengths) {
            Tensor s = Tensor.zeros(type, len, 3);
            for (int i = 0; i < s.numel(); i++) {
                s.setFlat(i, v++ / 10.0);
            }
            seqs.add(s);
        }
        return seqs;
    }

    @Test
    void padSequencePadsAfterEachSequence() {
        List<Tensor> seqs = List.of(Tensor.tensor(new double[][]{{1, 2}, {3, 4}, {5, 6}}), Tensor.tensor(new double[][]{{7, 8}}));
        Tensor p = RnnUtils.padSequence(seqs);
        assertArrayEquals(new int[]{3, 2, 2}, p.shapeArray());
        assertArrayEquals(new float[]{1, 2, 7, 8, 3, 4, 0, 0, 5, 6, 0, 0}, p.toFloatArray());
        Tensor b = RnnUtils.padSequence(seqs, true, -1);
        assertArrayEquals(new int[]{2, 3, 2}, b.shapeArray());
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, -1}, b.toFloatArray());
    }

    @Test
    void packSortedSequences() {
        List<Tensor> seqs = List.of(Tensor.tensor(1, 2, 3).view(3, 1), Tensor.tensor(4, 5).view(2, 1), Tensor.tensor(6).view(1, 1));
        PackedSequence p = RnnUtils.packSequence(seqs);
        assertArrayEquals(new int[]{3, 2, 1}, p.batchSizesArray());
        assertArrayEquals(new float[]{1, 4, 6, 2, 5, 3}, p.data().toFloatArray());
        assertNull(p.sortedIndices());
        assertTrue(p.toString().startsWith("PackedSequence(data=tensor("), p.toString());
        assertTrue(p.toString().endsWith("sorted_indices=None, unsorted_indices=None)"), p.toString());
    }

    @Test
    void packUnsortedKeepsThePermutationAndPadPackedUndoesIt() {
        List<Tensor> seqs = sequences(DType.FLOAT32);
        PackedSequence p = RnnUtils.packSequence(seqs, false);
        assertArrayEquals(new int[]{4, 3, 2, 1}, p.batchSizesArray());
        assertArrayEquals(new int[]{1, 3, 0, 2}, p.sortedIndices().toIntArray());
        assertArrayEquals(new int[]{2, 0, 3, 1}, p.unsortedIndices().toIntArray());
        for (boolean batchFirst : new boolean[]{false, true}) {
            RnnUtils.Padded back = RnnUtils.padPackedSequence(p, batchFirst);
            assertArrayEquals(new int[]{2, 4, 1, 3}, back.lengths().toIntArray());
            assertTrue(back.padded().allclose(RnnUtils.padSequence(seqs, batchFirst), 0, 0));
        }
        RnnUtils.Padded longer = RnnUtils.padPackedSequence(p, true, 9, 6);
        assertArrayEquals(new int[]{4, 6, 3}, longer.padded().shapeArray());
        assertEquals(9, longer.padded().get(2, 1, 0));
        // packing the padded batch directly gives the same thing
        PackedSequence q = RnnUtils.packPaddedSequence(RnnUtils.padSequence(seqs, true), new int[]{2, 4, 1, 3}, true, false);
        assertTrue(q.data().allclose(p.data(), 0, 0));
        assertArrayEquals(p.batchSizesArray(), q.batchSizesArray());
    }

    @Test
    void badLengthsAreExplained() {
        Tensor padded = RnnUtils.padSequence(sequences(DType.FLOAT32));
        var e = assertThrows(IllegalArgumentException.class,
                () -> RnnUtils.packPaddedSequence(padded, new int[]{2, 4, 1, 3}, false, true));
        assertTrue(e.getMessage().contains("must be sorted in decreasing order when enforceSorted is true"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RnnUtils.packPaddedSequence(padded, new int[]{4, 3, 2}, false, true));
        assertTrue(e.getMessage().contains("expected 4 lengths"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RnnUtils.packPaddedSequence(padded, new int[]{5, 3, 2, 1}, false, true));
        assertEquals("packPaddedSequence: every length must be in 1..4 (the padded length), but lengths[0] = 5", e.getMessage());
    }

    /**
     * Runs the layer over the packed batch and over each sequence alone; they must agree. In float32
     * that is the fused kernel, in float64 the step-by-step reference (each has its own packed code).
     */
    private static void assertPackedEqualsOneByOne(RNNBase m, boolean enforceSorted, DType dtype) {
        m.to(dtype);
        List<Tensor> seqs = sequences(dtype);
        if (enforceSorted) {
            seqs.sort((a, b) -> Integer.compare(b.size(0), a.size(0)));
        }
        int states = m.numLayers() * (m.bidirectional() ? 2 : 1);
        Tensor h0 = Tensor.randn(dtype, states, seqs.size(), m.hiddenSize());
        Tensor c0 = m instanceof LSTM ? Tensor.randn(dtype, states, seqs.size(), m.hiddenSize()) : null;
        PackedSequence packed = RnnUtils.packSequence(seqs, enforceSorted);
        Tensor data;
        Tensor hN;
        Tensor cN = null;
        if (m instanceof LSTM l) {
            LSTM.PackedOutput o = l.forward(packed, h0, c0);
            data = RnnUtils.padPackedSequence(o.output()).padded();
            hN = o.hN();
            cN = o.cN();
        } else if (m instanceof GRU g) {
            GRU.PackedOutput o = g.forward(packed, h0);
            data = RnnUtils.padPackedSequence(o.output()).padded();
            hN = o.hN();
        } else {
            RNN.PackedOutput o = ((RNN) m).forward(packed, h0);
            data = RnnUtils.padPackedSequence(o.output()).padded();
            hN = o.hN();
        }
        for (int b = 0; b < seqs.size(); b++) {
            Tensor s = seqs.get(b);
            int len = s.size(0);
            Tensor[] alone = RNNTest.run(m, s.unsqueeze(1), h0.slice(1, b, b + 1), c0 == null ? null : c0.slice(1, b, b + 1));
            assertTrue(data.select(1, b).slice(0, 0, len).allclose(alone[0].squeeze(1), 1e-5, 1e-6), m + " output of " + b);
            if (len < data.size(0)) {
                assertEquals(0, data.select(1, b).slice(0, len, data.size(0)).abs().max().item(), m + " padding of " + b);
            }
            assertTrue(hN.select(1, b).allclose(alone[1].squeeze(1), 1e-5, 1e-6), m + " h_n of " + b);
            if (cN != null) {
                assertTrue(cN.select(1, b).allclose(alone[2].squeeze(1), 1e-5, 1e-6), m + " c_n of " + b);
            }
        }
    }

    @Test
    void packedResultsEqualPerSequenceResults() {
        for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            for (boolean sorted : new boolean[]{true, false}) {
                assertPackedEqualsOneByOne(new RNN(3, 4, RNN.options().numLayers(2).bidirectional(true)), sorted, dtype);
                assertPackedEqualsOneByOne(new LSTM(3, 4, LSTM.options().numLayers(2).bidirectional(true)), sorted,
                        dtype);
                assertPackedEqualsOneByOne(new GRU(3, 4, GRU.options().bidirectional(true)), sorted, dtype);
                assertPackedEqualsOneByOne(new LSTM(3, 5), sorted, dtype);
            }
        }
    }

    private static void gradCheckPacked(RNNBase m, boolean enforceSorted) {
        m.to(DType.FLOAT64);
        List<Tensor> seqs = sequences(DType.FLOAT64);
        if (enforceSorted) {
            seqs.sort((a, b) -> Integer.compare(b.size(0), a.size(0)));
        }
        int states = m.numLayers() * (m.bidirectional() ? 2 : 1);
        Tensor h0 = pattern(20, states, 4, m.hiddenSize()).requiresGrad_(true);
        Tensor c0 = pattern(21, states, 4, m.hiddenSize()).requiresGrad_(true);
        List<Tensor> inputs = new ArrayList<>(seqs);
        seqs.forEach(s -> s.requiresGrad_(true));
        inputs.add(h0);
        if (m instanceof LSTM) {
            inputs.add(c0);
        }
        inputs.addAll(m.parameters());
        GradCheck.Result r = GradCheck.check(() -> {
            PackedSequence p = RnnUtils.packSequence(seqs, enforceSorted);
            Tensor out;
            Tensor hN;
            Tensor extra = null;
            if (m instanceof LSTM l) {
                LSTM.PackedOutput o = l.forward(p, h0, c0);
                out = o.output().data();
                hN = o.hN();
                extra = o.cN();
            } else if (m instanceof GRU g) {
                GRU.PackedOutput o = g.forward(p, h0);
                out = o.output().data();
                hN = o.hN();
            } else {
                RNN.PackedOutput o = ((RNN) m).forward(p, h0);
                out = o.output().data();
                hN = o.hN();
            }
            Tensor padded = RnnUtils.padPackedSequence(p.withData(out), true).padded();
            Tensor loss = padded.mul(pattern(30, padded.shapeArray())).sum().add(hN.mul(pattern(31, hN.shapeArray())).sum());
            return extra == null ? loss : loss.add(extra.mul(pattern(32, extra.shapeArray())).sum());
        }, inputs, 1e-6);
        assertTrue(r.passed(1e-6), m + " enforceSorted=" + enforceSorted + ": " + r);
    }

    @Test
    void gradCheckPackedSortedAndUnsorted() {
        for (boolean sorted : new boolean[]{true, false}) {
            gradCheckPacked(new RNN(3, 2, RNN.options().numLayers(2).bidirectional(true)), sorted);
            gradCheckPacked(new LSTM(3, 2, LSTM.options().bidirectional(true)), sorted);
            gradCheckPacked(new GRU(3, 2, GRU.options().numLayers(2)), sorted);
        }
    }

    @Test
    void packedInputErrors() {
        PackedSequence p = RnnUtils.packSequence(sequences(DType.FLOAT32), false);
        var e = assertThrows(IllegalArgumentException.class, () -> new LSTM(4, 2).forward(p));
        assertEquals("LSTM: input.size(-1) must equal input_size=4, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GRU(3, 2).forward(p, Tensor.zeros(1, 3, 2)));
        assertEquals("GRU: expected hidden size (1, 4, 2), got (1, 3, 2)", e.getMessage());
    }
}
