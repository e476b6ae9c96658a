package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rnncourse.tensor.gemm.GemmRulesScope;

/** Printing, max/argmax, no-grad, seeding, GEMM paths and error messages. */
class TensorBehaviourTest {

    @Test
    void printsLikePyTorch() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]])", Tensor.tensor(new double[][]{{1, 2}, {3, 4}}).toString());
        assertEquals("tensor([0.5000, 0.2500])", Tensor.tensor(0.5, 0.25).toString());
        Tensor x = Tensor.tensor(1.0, 2.0).requiresGrad_(true);
        assertTrue(x.mul(2).toString().endsWith("grad_fn=<MulBackward0>)"), x.mul(2).toString());
        assertEquals("Size([1, 10, 8])", Tensor.zeros(1, 10, 8).size().toString());
        String big = Tensor.zeros(2000).toString();
        assertTrue(big.contains("..."), "long tensors are summarised");
    }

    @Test
    void maxReturnsValuesAndIndices() {
        Tensor t = Tensor.tensor(new double[][]{{1, 5, 2}, {7, 0, 3}});
        Tensor.ValuesIndices m = t.max(1);
        assertArrayEquals(new double[]{5, 7}, m.values().toDoubleArray());
        assertArrayEquals(new int[]{1, 0}, m.indices().toIntArray());
        assertEquals(DType.INT64, m.indices().dtype());
        assertArrayEquals(new int[]{1, 0, 1}, t.argmax(0).toIntArray());
    }

    @Test
    void noGradScopeRecordsNothingAndDetachCuts() {
        Tensor w = Tensor.randn(3).requiresGrad_(true);
        try (Tensor.NoGrad ignored = Tensor.noGrad()) {
            assertFalse(w.mul(2).requiresGrad());
        }
        assertTrue(w.mul(2).requiresGrad());
        assertFalse(w.mul(2).detach().requiresGrad());
    }

    @Test
    void seedingReproduces() {
        Tensor.manualSeed(42);
        Tensor a = Tensor.randn(5);
        Tensor.manualSeed(42);
        assertTrue(a.allclose(Tensor.randn(5), 0, 0));
    }

    @Test
    void multinomialFollowsTheWeightsAndRepeatsWithTheSeed() {
        Tensor p = Tensor.tensor(0.1, 0.0, 0.6, 0.3);
        Tensor.manualSeed(9);
        int[] draws = p.multinomial(20000).toIntArray();
        int[] counts = new int[4];
        for (int d : draws) {
            counts[d]++;
        }
        assertEquals(0, counts[1]);
        assertEquals(0.6, counts[2] / 20000.0, 0.02);
        assertEquals(0.1, counts[0] / 20000.0, 0.02);
        Tensor.manualSeed(9);
        assertArrayEquals(draws, p.multinomial(20000).toIntArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).multinomial(1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2).multinomial(1));
    }

    @Test
    void autogradAccumulatesAndMatchesHandDerivative() {
        Tensor x = Tensor.tensor(2.0).toDouble().requiresGrad_(true);
        Tensor y = x.pow(3).add(x.mul(x).mul(2)); // y = x³ + 2x², dy/dx = 3x² + 4x = 20
        y.backward();
        assertEquals(20.0, x.grad().item(), 1e-12);
    }

    @Test
    void largeMatmulOnNativeBlasEqualsJavaLoops() {
        Tensor.manualSeed(5);
        Tensor a = Tensor.randn(DType.FLOAT64, 70, 64);
        Tensor b = Tensor.randn(DType.FLOAT64, 64, 50);
        Tensor a32 = a.toFloat();
        Tensor b32 = b.toFloat();
        Tensor loops;
        Tensor loops32;
        try (GemmRulesScope s = GemmRulesScope.nativeFrom(Long.MAX_VALUE)) {
            loops = a.matmul(b);
            loops32 = a32.matmul(b32);
        }
        // OpenBLAS here (ND4J where the preset did not load), then ND4J's Nd4j.gemm forced
        try (GemmRulesScope s = GemmRulesScope.nativeFrom(1)) {
            assertTrue(loops.allclose(a.matmul(b), 1e-10, 1e-10), "max diff " + loops.maxAbsDiff(a.matmul(b)));
            assertTrue(loops32.allclose(a32.matmul(b32), 1e-4, 1e-4));
        }
        try (GemmRulesScope s = GemmRulesScope.nd4j()) {
            assertTrue(loops.allclose(a.matmul(b), 1e-10, 1e-10), "max diff " + loops.maxAbsDiff(a.matmul(b)));
            assertTrue(loops32.allclose(a32.matmul(b32), 1e-4, 1e-4));
        }
    }

    @Test
    void errorsNameWhatWasWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)));
        assertTrue(e.getMessage().startsWith("matmul: (3x4) @ (5x2) shapes do not match"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 4).view(5, 3));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("broadcast") || e.getMessage().contains("shape"), e.getMessage());
        assertThrows(RuntimeException.class, () -> Tensor.zeros(2, 3).select(0, 5));
    }
}
