package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.DType;
import rnncourse.tensor.GradCheck;
import rnncourse.tensor.Tensor;

/** Linear, Embedding, Dropout and the losses: values, gradients against finite differences, errors. */
class LayersAndLossesTest {
    private static final double TOL = 1e-6;

    private static void assertGrad(GradCheck.Result r) {
        assertTrue(r.passed(TOL), "gradient check failed: " + r);
    }

    @Test
    void linearMatchesTheFormulaAndItsGradients() {
        Tensor.manualSeed(1);
        Linear fc = new Linear(4, 3);
        fc.to(DType.FLOAT64);
        Tensor x = Tensor.randn(DType.FLOAT64, 2, 5, 4).requiresGrad_(true);
        Tensor expected = x.matmul(fc.weight().t()).add(fc.bias());
        assertTrue(fc.forward(x).allclose(expected, 1e-12, 1e-12));
        assertEquals("Size([2, 5, 3])", fc.forward(x).size().toString());
        Tensor w = Tensor.randn(DType.FLOAT64, 2, 5, 3);
        assertGrad(GradCheck.check(() -> fc.forward(x).mul(w).sum(), List.of(x, fc.weight(), fc.bias()), 1e-6));
    }

    @Test
    void linearInitBoundAndBadInput() {
        Linear fc = new Linear(25, 7);
        double bound = 1 / Math.sqrt(25);
        for (int i = 0; i < fc.weight().numel(); i++) {
            assertTrue(Math.abs(fc.weight().getFlat(i)) <= bound);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fc.forward(Tensor.zeros(2, 24)));
        assertTrue(e.getMessage().contains("in_features=25") && e.getMessage().contains("[2, 24]"), e.getMessage());
        assertEquals("Linear(in_features=25, out_features=7, bias=True)", fc.toString());
    }

    @Test
    void embeddingLooksUpRowsAndScattersGradients() {
        Embedding emb = new Embedding(5, 3);
        emb.to(DType.FLOAT64);
        Tensor idx = Tensor.tensorLong(new int[]{1, 4, 1, 0}, 2, 2);
        Tensor out = emb.forward(idx);
        assertEquals("Size([2, 2, 3])", out.size().toString());
        assertEquals(emb.weight().get(4, 2), out.get(0, 1, 2));
        Tensor w = Tensor.randn(DType.FLOAT64, 2, 2, 3);
        assertGrad(GradCheck.check(() -> emb.forward(idx).mul(w).sum(), List.of(emb.weight()), 1e-6));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> emb.forward(Tensor.tensorLong(2, 5)));
        assertTrue(e.getMessage().contains("index 5 out of range for 5"), e.getMessage());
    }

    @Test
    void dropoutScalesInTrainingAndIsIdentityInEval() {
        Tensor.manualSeed(3);
        Dropout d = new Dropout(0.25);
        Tensor y = d.forward(Tensor.ones(1000));
        int zeros = 0;
        for (int i = 0; i < 1000; i++) {
            double v = y.getFlat(i);
            assertTrue(v == 0 || Math.abs(v - 1 / 0.75) < 1e-6);
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros > 180 && zeros < 320, "zeros=" + zeros);
        d.eval();
        Tensor x = Tensor.randn(4);
        assertTrue(d.forward(x) == x);
    }

    @Test
    void crossEntropyEqualsLogSoftmaxNllAndHasTheRightGradient() {
        Tensor logits = Tensor.randn(DType.FLOAT64, 4, 6).requiresGrad_(true);
        Tensor target = Tensor.tensorLong(0, 5, 2, 2);
        double ce = new CrossEntropyLoss().forward(logits, target).item();
        double nll = new NLLLoss().forward(logits.logSoftmax(1), target).item();
        assertEquals(nll, ce, 1e-12);
        double byHand = 0;
        Tensor lp = logits.logSoftmax(1);
        for (int i = 0; i < 4; i++) {
            byHand -= lp.get(i, (int) target.getFlat(i));
        }
        assertEquals(byHand / 4, ce, 1e-12);
        assertGrad(GradCheck.check(() -> new CrossEntropyLoss().forward(logits, target), List.of(logits), 1e-6));
        assertGrad(GradCheck.check(() -> new CrossEntropyLoss(Loss.SUM).forward(logits, target), List.of(logits), 1e-6));
        assertGrad(GradCheck.check(() -> new NLLLoss().forward(logits.logSoftmax(1), target), List.of(logits), 1e-6));
        Tensor one = Tensor.randn(DType.FLOAT64, 6).requiresGrad_(true);
        assertGrad(GradCheck.check(() -> new CrossEntropyLoss().forward(one, Tensor.tensorLong(3)), List.of(one), 1e-6));
    }

    @Test
    void classificationLossesNameBadTargetsAndShapes() {
        Tensor logits = Tensor.zeros(2, 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(logits, Tensor.tensorLong(1, 12)));
        assertEquals("CrossEntropyLoss: target 12 out of range for 9 classes", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NLLLoss().forward(logits, Tensor.tensorLong(1, 2, 3)));
        assertTrue(e.getMessage().contains("target of shape [2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(Tensor.zeros(1, 5, 5), Tensor.tensorLong(1, 2)));
        assertTrue(e.getMessage().contains("(N, C)"), e.getMessage());
    }

    @Test
    void mseLossValueGradientAndShapeError() {
        Tensor a = Tensor.randn(DType.FLOAT64, 3, 1).requiresGrad_(true);
        Tensor b = Tensor.randn(DType.FLOAT64, 3, 1).requiresGrad_(true);
        double expected = a.sub(b).pow(2).mean().item();
        assertEquals(expected, new MSELoss().forward(a, b).item(), 1e-12);
        assertGrad(GradCheck.check(() -> new MSELoss().forward(a, b), List.of(a, b), 1e-6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MSELoss().forward(Tensor.zeros(3, 1), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("[3, 1]") && e.getMessage().contains("[3]"), e.getMessage());
    }
}
