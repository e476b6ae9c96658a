package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Nodes with several outputs: one backward call per node, one gradient per output (null where an
 * output is unused), checked against finite differences.
 */
class MultiOutputAutogradTest {
    /** What the backward rule of {@link #productAndSum} saw, one entry per call. */
    private final List<boolean[]> calls = new ArrayList<>();

    /** A test op with two outputs, p = a·b and s = a + b (elementwise), recorded as one node. */
    private Tensor[] productAndSum(Tensor a, Tensor b) {
        Tensor p;
        Tensor s;
        try (var ng = Tensor.noGrad()) {
            p = a.mul(b);
            s = a.add(b);
        }
        return Autograd.record("ProductAndSumBackward0", new Tensor[]{p, s}, g -> {
            calls.add(new boolean[]{g[0] != null, g[1] != null});
            Tensor da = null;
            Tensor db = null;
            if (g[0] != null) {
                da = g[0].mul(b);
                db = g[0].mul(a);
            }
            if (g[1] != null) {
                da = da == null ? g[1] : da.add(g[1]);
                db = db == null ? g[1] : db.add(g[1]);
            }
            return new Tensor[]{da, db};
        }, a, b);
    }

    private static Tensor leaf(int n) {
        return Tensor.randn(DType.FLOAT64, n).requiresGrad_(true);
    }

    private void assertGradients(String what, Function<Tensor[], Tensor> loss, Tensor a, Tensor b) {
        calls.clear();
        GradCheck.Result r = GradCheck.check(() -> loss.apply(productAndSum(a, b)), List.of(a, b), 1e-6);
        assertTrue(r.passed(1e-6), what + ": " + r.where() + " (error " + r.maxRelativeError() + ")");
        // GradCheck's first call is the one with backward; the others run under noGrad
        assertEquals(1, calls.size(), what + ": the node's rule runs once per backward");
    }

    @Test
    void anUnusedOutputGetsNullAndTheGradientsAreRight() {
        Tensor.manualSeed(3);
        Tensor a = leaf(4);
        Tensor b = leaf(4);
        Tensor w = Tensor.randn(DType.FLOAT64, 4);
        assertGradients("only p", o -> o[0].mul(w).sum(), a, b);
        assertArrayEquals(new boolean[]{true, false}, calls.get(0));
        assertGradients("only s", o -> o[1].mul(w).sum(), a, b);
        assertArrayEquals(new boolean[]{false, true}, calls.get(0));
    }

    @Test
    void bothOutputsUsedReachTheRuleTogether() {
        Tensor.manualSeed(4);
        Tensor a = leaf(5);
        Tensor b = leaf(5);
        Tensor w = Tensor.randn(DType.FLOAT64, 5);
        assertGradients("p and s", o -> o[0].mul(w).sum().add(o[1].tanh().sum()), a, b);
        assertArrayEquals(new boolean[]{true, true}, calls.get(0));
        // s reaches the loss through a longer chain than p: the node must still wait for it
        assertGradients("s through a chain", o -> o[0].sum().add(o[1].exp().mul(w).tanh().sum().mul(2)), a, b);
        assertArrayEquals(new boolean[]{true, true}, calls.get(0));
    }

    @Test
    void anOutputUsedTwiceGetsTheSumOfBothUses() {
        Tensor.manualSeed(5);
        Tensor a = leaf(3);
        Tensor b = leaf(3);
        Tensor w1 = Tensor.randn(DType.FLOAT64, 3);
        Tensor w2 = Tensor.randn(DType.FLOAT64, 3);
        assertGradients("p twice", o -> o[0].mul(w1).sum().add(o[0].mul(w2).sum()), a, b);
        assertArrayEquals(new boolean[]{true, false}, calls.get(0));
        assertGradients("p twice and s", o -> o[0].mul(w1).sum().add(o[0].tanh().mul(w2).sum()).add(o[1].sum()), a, b);
        assertArrayEquals(new boolean[]{true, true}, calls.get(0));
    }

    @Test
    void outputsShareTheNodeNameAndRetainGradWorks() {
        Tensor a = leaf(2);
        Tensor b = leaf(2);
        Tensor[] o = productAndSum(a, b);
        assertEquals("ProductAndSumBackward0", o[0].gradFn());
        assertEquals("ProductAndSumBackward0", o[1].gradFn());
        assertTrue(!o[0].isLeaf() && o[1].requiresGrad());
        o[1].retainGrad();
        o[0].sum().add(o[1].mul(3).sum()).backward();
        assertArrayEquals(new double[]{3, 3}, o[1].grad().toDoubleArray());
        assertNull(o[0].grad(), "only tensors that asked keep their gradient");
        assertNotNull(a.grad());
        // backward from one of the outputs itself
        a.setGrad(null);
        b.setGrad(null);
        Tensor[] again = productAndSum(a, b);
        again[1].backward(Tensor.ones(DType.FLOAT64, 2));
        assertArrayEquals(new double[]{1, 1}, a.grad().toDoubleArray());
    }

    @Test
    void nothingIsRecordedWithoutGradientsAndBadCallsAreNamed() {
        Tensor a = Tensor.randn(DType.FLOAT64, 2);
        Tensor b = leaf(2);
        try (var ng = Tensor.noGrad()) {
            Tensor[] o = productAndSum(b, b);
            assertNull(o[0].gradFn());
        }
        Tensor[] none = productAndSum(a, a);
        assertNull(none[1].gradFn());
        Tensor t = Tensor.zeros(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.record("TwiceBackward0", new Tensor[]{t, t}, g -> new Tensor[]{null}, b));
        assertTrue(e.getMessage().contains("outputs 0 and 1 are the same tensor"), e.getMessage());
        Tensor[] wrong = Autograd.record("WrongBackward0", new Tensor[]{Tensor.zeros(DType.FLOAT64, 2)},
                g -> new Tensor[]{g[0], g[0]}, b);
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> wrong[0].sum().backward());
        assertTrue(s.getMessage().contains("WrongBackward0: backward returned 2 gradients for 1 inputs"), s.getMessage());
    }
}
