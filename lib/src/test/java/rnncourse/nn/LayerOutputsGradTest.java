package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnncourse.nn.RNNTest.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.DType;
import rnncourse.tensor.GradCheck;
import rnncourse.tensor.Tensor;

/**
 * A recurrent layer is one autograd node with the outputs output, h_n and c_n: gradients are right
 * whichever of them the loss uses (one, several, one twice), in both precisions, and an unused
 * output contributes exactly what a zero gradient would.
 */
class LayerOutputsGradTest {

    private static LSTM lstm(DType dtype) {
        Tensor.manualSeed(31);
        LSTM m = new LSTM(3, 4, LSTM.options().numLayers(2).bidirectional(true));
        m.to(dtype);
        return m;
    }

    private static void assertGradCheck(String what, Function<LSTM.Output, Tensor> loss) {
        LSTM m = lstm(DType.FLOAT64);
        Tensor x = pattern(3, 5, 2, 3).requiresGrad_(true);
        Tensor h0 = pattern(4, 4, 2, 4).requiresGrad_(true);
        Tensor c0 = pattern(5, 4, 2, 4).requiresGrad_(true);
        List<Tensor> inputs = new ArrayList<>(List.of(x, h0, c0));
        inputs.addAll(m.parameters());
        GradCheck.Result r = GradCheck.check(() -> loss.apply(m.forward(x, h0, c0)), inputs, 1e-6);
        assertTrue(r.passed(1e-6), what + ": " + r);
    }

    @Test
    void gradientsAreRightForEveryChoiceOfOutputs() {
        Tensor wOut = pattern(6, 5, 2, 8);
        Tensor wState = pattern(7, 4, 2, 4);
        assertGradCheck("output only", o -> o.output().mul(wOut).sum());
        assertGradCheck("h_n only", o -> o.hN().mul(wState).sum());
        assertGradCheck("c_n only", o -> o.cN().mul(wState).sum());
        assertGradCheck("h_n and c_n", o -> o.hN().mul(wState).sum().add(o.cN().tanh().mul(wState).sum()));
        assertGradCheck("all three, output twice", o -> o.output().mul(wOut).sum().add(o.output().pow(2).mul(wOut).sum())
                .add(o.hN().mul(wState).sum()).add(o.cN().mul(wState).sum()));
    }

    @Test
    void anUnusedOutputActsAsAZeroGradientInFloat32() {
        Tensor.manualSeed(32);
        Tensor x = Tensor.randn(5, 40, 3);
        Tensor w = Tensor.randn(4, 40, 4);
        float[][] got = new float[2][];
        for (int run = 0; run < 2; run++) {
            LSTM m = lstm(DType.FLOAT32);
            LSTM.Output o = m.forward(x);
            Tensor loss = o.hN().mul(w).sum();
            if (run == 1) {
                // the old way: every output in the loss, the unused ones with zero weight
                loss = loss.add(o.output().mul(0).sum()).add(o.cN().mul(0).sum());
            }
            loss.backward();
            List<Float> all = new ArrayList<>();
            for (Tensor p : m.parameters()) {
                for (float v : p.grad().floatData()) {
                    all.add(v);
                }
            }
            got[run] = new float[all.size()];
            for (int i = 0; i < all.size(); i++) {
                got[run][i] = all.get(i);
            }
        }
        assertEquals(got[1].length, got[0].length);
        for (int i = 0; i < got[0].length; i++) {
            assertEquals(got[1][i], got[0][i], 0f, "parameter gradient element " + i);
        }
    }

    @Test
    void outputsShowTheGradFnTheLessonsPrint() {
        LSTM one = new LSTM(3, 4);
        LSTM.Output o = one.forward(Tensor.randn(5, 2, 3));
        assertEquals("ViewBackward0", o.output().gradFn());
        assertEquals("ViewBackward0", o.hN().gradFn());
        assertEquals("ViewBackward0", o.cN().gradFn());
        LSTM.Output two = lstm(DType.FLOAT32).forward(Tensor.randn(5, 2, 3));
        assertEquals("CatBackward0", two.hN().gradFn());
        LSTMCell cell = new LSTMCell(3, 4);
        assertEquals("ViewBackward0", cell.forward(Tensor.randn(2, 3)).c().gradFn());
    }
}
