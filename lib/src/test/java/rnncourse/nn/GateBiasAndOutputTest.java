package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rnncourse.tensor.Tensor;

/** RNNBase.output (the output sequence of any recurrent layer) and LSTM/GRU.fillGateBias. */
class GateBiasAndOutputTest {
    @Test
    void outputEqualsForwardOutputForAllThreeLayers() {
        Tensor.manualSeed(3);
        Tensor x = Tensor.randn(2, 5, 4);
        List<RNNBase> layers = List.of(
                new RNN(4, 6, RNN.options().batchFirst(true)),
                new LSTM(4, 6, LSTM.options().batchFirst(true).numLayers(2)),
                new GRU(4, 6, GRU.options().batchFirst(true).bidirectional(true)));
        Tensor[] expected = {
                ((RNN) layers.get(0)).forward(x).output(),
                ((LSTM) layers.get(1)).forward(x).output(),
                ((GRU) layers.get(2)).forward(x).output()};
        for (int k = 0; k < layers.size(); k++) {
            Tensor out = layers.get(k).output(x);
            assertEquals(expected[k].size(), out.size());
            assertEquals(0.0, out.maxAbsDiff(expected[k]), 0.0, "layer " + k);
        }
        assertEquals(12, layers.get(2).output(x).size(2), "bidirectional output has 2·H features");
    }

    @Test
    void outputIsDifferentiable() {
        Tensor.manualSeed(4);
        RNNBase lstm = new LSTM(3, 4);
        Tensor x = Tensor.randn(5, 2, 3);
        lstm.output(x).sum().backward();
        for (Tensor p : lstm.parameters()) {
            assertTrue(p.grad() != null && p.grad().abs().sum().item() > 0, "every parameter gets a gradient");
        }
    }

    @Test
    void lstmForgetGateBiasSumsToTheValueInEveryLayerAndDirection() {
        Tensor.manualSeed(5);
        int h = 3;
        LSTM lstm = new LSTM(2, h, LSTM.options().numLayers(2).bidirectional(true));
        Map<String, Tensor> before = Map.copyOf(snapshot(lstm));
        assertSame(lstm, lstm.fillGateBias("f", 3.0));
        Map<String, Tensor> p = lstm.namedParameters();
        for (String suffix : List.of("_l0", "_l0_reverse", "_l1", "_l1_reverse")) {
            Tensor bIh = p.get("bias_ih" + suffix), bHh = p.get("bias_hh" + suffix);
            for (int j = 0; j < 4 * h; j++) {
                boolean forget = j >= h && j < 2 * h;
                if (forget) {
                    assertEquals(3.0, bIh.get(j), 1e-6, suffix + " b_ih[" + j + "]");
                    assertEquals(0.0, bHh.get(j), 0.0, suffix + " b_hh[" + j + "]");
                } else {   // the other gates are untouched
                    assertEquals(before.get("bias_ih" + suffix).get(j), bIh.get(j), 0.0);
                    assertEquals(before.get("bias_hh" + suffix).get(j), bHh.get(j), 0.0);
                }
            }
        }
        assertEquals(0.0, p.get("weight_ih_l0").maxAbsDiff(before.get("weight_ih_l0")), 0.0, "weights untouched");
    }

    @Test
    void forgetBiasShowsInTheGateActivation() {
        // With zero weights and input, the cell is c1 = σ(b_i)·tanh(b_g) and c2 = σ(b_f)·c1 + ..., so a
        // forget bias of 3 keeps about σ(3) ≈ 0.953 of c1 where 0 keeps half.
        LSTM lstm = new LSTM(1, 1);
        for (Tensor w : List.of(lstm.namedParameters().get("weight_ih_l0"), lstm.namedParameters().get("weight_hh_l0"))) {
            w.zero_();
        }
        lstm.namedParameters().get("bias_ih_l0").zero_();
        lstm.namedParameters().get("bias_hh_l0").zero_();
        lstm.fillGateBias("g", 1.0).fillGateBias("i", 10.0).fillGateBias("f", 3.0);
        Tensor x = Tensor.zeros(2, 1, 1);
        double c1 = sigmoid(10) * Math.tanh(1);
        double c2 = sigmoid(3) * c1 + sigmoid(10) * Math.tanh(1);
        assertEquals(c2, lstm.forward(x).cN().item(), 1e-6);
    }

    @Test
    void gruUpdateGateIsTheMiddleBlock() {
        Tensor.manualSeed(6);
        int h = 4;
        GRU gru = new GRU(3, h);
        gru.fillGateBias("z", -2.5);
        Tensor bIh = gru.namedParameters().get("bias_ih_l0"), bHh = gru.namedParameters().get("bias_hh_l0");
        for (int j = h; j < 2 * h; j++) {
            assertEquals(-2.5, bIh.get(j), 1e-6);
            assertEquals(0.0, bHh.get(j), 0.0);
        }
        assertTrue(Math.abs(bIh.get(0)) < 1 && Math.abs(bIh.get(2 * h)) < 1, "r and n keep their random init");
    }

    @Test
    void badGateNamesAndBiaslessLayersAreRefusedClearly() {
        LSTM lstm = new LSTM(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> lstm.fillGateBias("z", 1.0));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("i, f, g, o"), e.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> new GRU(2, 3).fillGateBias("f", 1.0));
        assertTrue(g.getMessage().contains("r, z, n"), g.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lstm.fillGateBias("f", Double.NaN));
        var s = assertThrows(IllegalStateException.class,
                () -> new LSTM(2, 3, LSTM.options().bias(false)).fillGateBias("f", 1.0));
        assertTrue(s.getMessage().contains("bias(false)"), s.getMessage());
    }

    private static Map<String, Tensor> snapshot(Module m) {
        var copy = new java.util.HashMap<String, Tensor>();
        m.namedParameters().forEach((k, v) -> copy.put(k, v.detach().copy()));
        return copy;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
