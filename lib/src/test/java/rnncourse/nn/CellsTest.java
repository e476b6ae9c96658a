package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnncourse.nn.RNNTest.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.DType;
import rnncourse.tensor.GradCheck;
import rnncourse.tensor.Tensor;

/** RNNCell, LSTMCell, GRUCell against cells written out with tensor operations; gradients; errors. */
class CellsTest {

    /** One GRU step from the formula: r, z, n with n = tanh(W_in x + b_in + r·(W_hn h + b_hn)). */
    static Tensor handWrittenGruStep(Tensor x, Tensor h, Tensor wih, Tensor whh, Tensor bih, Tensor bhh) {
        List<Tensor> gi = x.matmul(wih.t()).add(bih).chunk(3, 1);
        List<Tensor> gh = h.matmul(whh.t()).add(bhh).chunk(3, 1);
        Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
        Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
        Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
        return z.rsub(1).mul(n).add(z.mul(h));
    }

    /** One LSTM step with one fused gate product split into i, f, g, o. */
    static Tensor[] handWrittenLstmStep(Tensor x, Tensor h, Tensor c, Tensor wih, Tensor whh, Tensor bih, Tensor bhh) {
        List<Tensor> gates = x.matmul(wih.t()).add(bih).add(h.matmul(whh.t())).add(bhh).chunk(4, 1);
        Tensor i = gates.get(0).sigmoid();
        Tensor f = gates.get(1).sigmoid();
        Tensor g = gates.get(2).tanh();
        Tensor o = gates.get(3).sigmoid();
        Tensor c1 = f.mul(c).add(i.mul(g));
        return new Tensor[]{o.mul(c1.tanh()), c1};
    }

    private static Map<String, Tensor> params(RNNCellBase cell) {
        return cell.namedParameters();
    }

    @Test
    void rnnCellEqualsTheFormula() {
        RNNCell cell = new RNNCell(3, 4);
        Map<String, Tensor> p = params(cell);
        Tensor x = Tensor.randn(2, 3);
        Tensor h = Tensor.randn(2, 4);
        Tensor expected = x.matmul(p.get("weight_ih").t()).add(p.get("bias_ih"))
                .add(h.matmul(p.get("weight_hh").t())).add(p.get("bias_hh")).tanh();
        assertTrue(cell.forward(x, h).allclose(expected, 1e-5, 1e-6));
        RNNCell relu = new RNNCell(3, 4, false, "relu");
        Map<String, Tensor> q = params(relu);
        Tensor expectedRelu = x.matmul(q.get("weight_ih").t()).add(h.matmul(q.get("weight_hh").t())).relu();
        assertTrue(relu.forward(x, h).allclose(expectedRelu, 1e-5, 1e-6));
    }

    @Test
    void lstmCellEqualsAHandWrittenFusedGateCell() {
        LSTMCell cell = new LSTMCell(3, 5);
        Map<String, Tensor> p = params(cell);
        Tensor x = Tensor.randn(4, 3);
        Tensor h = Tensor.randn(4, 5);
        Tensor c = Tensor.randn(4, 5);
        LSTMCell.State s = cell.forward(x, h, c);
        Tensor[] expected = handWrittenLstmStep(x, h, c, p.get("weight_ih"), p.get("weight_hh"), p.get("bias_ih"),
                p.get("bias_hh"));
        assertTrue(s.h().allclose(expected[0], 1e-5, 1e-6));
        assertTrue(s.c().allclose(expected[1], 1e-5, 1e-6));
        // zero state when none is given
        LSTMCell.State z = cell.forward(x);
        Tensor[] fromZero = handWrittenLstmStep(x, Tensor.zeros(4, 5), Tensor.zeros(4, 5), p.get("weight_ih"),
                p.get("weight_hh"), p.get("bias_ih"), p.get("bias_hh"));
        assertTrue(z.h().allclose(fromZero[0], 1e-5, 1e-6));
    }

    @Test
    void gruCellEqualsTheRzNFormula() {
        GRUCell cell = new GRUCell(3, 4);
        Map<String, Tensor> p = params(cell);
        Tensor x = Tensor.randn(2, 3);
        Tensor h = Tensor.randn(2, 4);
        Tensor expected = handWrittenGruStep(x, h, p.get("weight_ih"), p.get("weight_hh"), p.get("bias_ih"), p.get("bias_hh"));
        assertTrue(cell.forward(x, h).allclose(expected, 1e-5, 1e-6));
    }

    @Test
    void unbatchedCellsGiveOneDimensionalStates() {
        LSTMCell cell = new LSTMCell(3, 4);
        Tensor x = Tensor.randn(3);
        LSTMCell.State s = cell.forward(x);
        assertArrayEquals(new int[]{4}, s.h().shapeArray());
        assertArrayEquals(new int[]{4}, s.c().shapeArray());
        LSTMCell.State b = cell.forward(x.unsqueeze(0));
        assertTrue(s.h().allclose(b.h().squeeze(0), 0, 0));
        assertArrayEquals(new int[]{4}, new GRUCell(3, 4).forward(x).shapeArray());
        assertArrayEquals(new int[]{4}, new RNNCell(3, 4).forward(x, Tensor.zeros(4)).shapeArray());
    }

    @Test
    void parametersAndPrintout() {
        LSTMCell cell = new LSTMCell(3, 5);
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"), new ArrayList<>(params(cell).keySet()));
        assertArrayEquals(new int[]{20, 3}, params(cell).get("weight_ih").shapeArray());
        assertArrayEquals(new int[]{20, 5}, params(cell).get("weight_hh").shapeArray());
        assertArrayEquals(new int[]{15, 5}, params(new GRUCell(2, 5)).get("weight_hh").shapeArray());
        assertEquals("LSTMCell(3, 5)", cell.toString());
        assertEquals("RNNCell(3, 4, bias=False, nonlinearity='relu')", new RNNCell(3, 4, false, "relu").toString());
        assertEquals("GRUCell(2, 5)", new GRUCell(2, 5).toString());
        for (Tensor t : cell.parameters()) {
            assertTrue(t.abs().max().item() <= 1 / Math.sqrt(5));
        }
    }

    private static void gradCheck(RNNCellBase cell, Supplier<Tensor> loss, Tensor... inputs) {
        cell.to(DType.FLOAT64);
        List<Tensor> all = new ArrayList<>();
        for (Tensor t : inputs) {
            all.add(t.requiresGrad_(true));
        }
        all.addAll(cell.parameters());
        GradCheck.Result r = GradCheck.check(loss, all, 1e-6);
        assertTrue(r.passed(1e-6), cell + ": " + r);
    }

    @Test
    void gradChecks() {
        Tensor w = pattern(40, 2, 3);
        RNNCell rnn = new RNNCell(2, 3);
        Tensor x1 = pattern(1, 2, 2);
        Tensor h1 = pattern(2, 2, 3);
        gradCheck(rnn, () -> rnn.forward(x1, h1).mul(w).sum(), x1, h1);

        GRUCell gru = new GRUCell(2, 3);
        Tensor x2 = pattern(3, 2, 2);
        Tensor h2 = pattern(4, 2, 3);
        gradCheck(gru, () -> gru.forward(x2, h2).mul(w).sum(), x2, h2);

        LSTMCell lstm = new LSTMCell(2, 3);
        Tensor x3 = pattern(5, 2, 2);
        Tensor h3 = pattern(6, 2, 3);
        Tensor c3 = pattern(7, 2, 3);
        Tensor w2 = pattern(41, 2, 3);
        gradCheck(lstm, () -> {
            LSTMCell.State s = lstm.forward(x3, h3, c3);
            return s.h().mul(w).sum().add(s.c().mul(w2).sum());
        }, x3, h3, c3);

        // two chained steps (the second consumes the first's state) and an unbatched, bias-free cell
        LSTMCell plain = new LSTMCell(2, 3, false);
        Tensor x4 = pattern(8, 2);
        gradCheck(plain, () -> {
            LSTMCell.State s = plain.forward(x4);
            s = plain.forward(x4.mul(0.5), s);
            return s.h().mul(pattern(42, 3)).sum().add(s.c().sum());
        }, x4);
    }

    @Test
    void badInputsAreExplained() {
        LSTMCell cell = new LSTMCell(3, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> cell.forward(Tensor.zeros(2, 5)));
        assertEquals("LSTMCell: input.size(-1) must equal input_size=3, got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(Tensor.zeros(2, 3), Tensor.zeros(2, 4), Tensor.zeros(1, 4)));
        assertEquals("LSTMCell: expected cell size (2, 4), got (1, 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GRUCell(3, 4).forward(Tensor.zeros(2, 3), Tensor.zeros(4)));
        assertEquals("GRUCell: expected hidden size (2, 4), got (4,)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RNNCell(3, 4).forward(Tensor.zeros(1, 2, 3)));
        assertTrue(e.getMessage().startsWith("RNNCell: expected a 2-D input (batch, input_size)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RNNCell(3, 4, true, "gelu"));
        assertEquals("RNNCell: unknown nonlinearity 'gelu', expected 'tanh' or 'relu'", e.getMessage());
    }
}
