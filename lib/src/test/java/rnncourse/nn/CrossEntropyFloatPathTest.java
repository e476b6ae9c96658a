package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rnncourse.tensor.Tensor;

/**
 * The float32 fast path of cross-entropy/NLL (raw arrays, rows split over two threads when large)
 * against the general float64 path on the same logits: loss and gradient agree to float precision.
 */
class CrossEntropyFloatPathTest {
    @Test
    void float32PathMatchesFloat64() {
        for (int n : new int[]{7, 1700}) {
            for (Loss reduction : Loss.values()) {
                Tensor.manualSeed(3);
                Tensor logits32 = Tensor.randn(n, 25).mul(4);
                Tensor logits64 = logits32.toDouble();
                int[] target = new int[n];
                for (int i = 0; i < n; i++) {
                    target[i] = (i * 7) % 25;
                }
                Tensor t = Tensor.tensorLong(target, n);
                logits32.requiresGrad_(true);
                logits64.requiresGrad_(true);
                Tensor l32 = new CrossEntropyLoss(reduction).forward(logits32, t);
                Tensor l64 = new CrossEntropyLoss(reduction).forward(logits64, t);
                assertEquals(l64.item(), l32.item(), 1e-5 * Math.max(1, Math.abs(l64.item())), "loss n=" + n);
                l32.backward();
                l64.backward();
                double diff = logits64.grad().toFloat().maxAbsDiff(logits32.grad());
                assertTrue(diff < 1e-6 * (reduction == Loss.SUM ? 10 : 1), "gradient n=" + n + " diff " + diff);

                Tensor nll32 = new NLLLoss(reduction).forward(logits32.detach(), t);
                Tensor nll64 = new NLLLoss(reduction).forward(logits64.detach(), t);
                assertEquals(nll64.item(), nll32.item(), 1e-5 * Math.max(1, Math.abs(nll64.item())), "nll n=" + n);
            }
        }
    }

    @Test
    void extremeLogitsGiveFiniteLossAndGradient() {
        // one row dominated by a huge logit, one with a huge spread, one uniform: the float32 softmax
        // must not overflow or produce NaN, and must agree with float64
        Tensor logits32 = Tensor.tensor(new double[][]{{1000, 0, -1000}, {80, -80, 0}, {3, 3, 3}}).toFloat()
                .requiresGrad_(true);
        Tensor logits64 = logits32.detach().toDouble().requiresGrad_(true);
        Tensor t = Tensor.tensorLong(new int[]{1, 0, 2}, 3);
        Tensor l32 = new CrossEntropyLoss().forward(logits32, t);
        Tensor l64 = new CrossEntropyLoss().forward(logits64, t);
        assertTrue(Double.isFinite(l32.item()), "loss " + l32.item());
        assertEquals(l64.item(), l32.item(), 1e-4 * Math.abs(l64.item()));
        l32.backward();
        l64.backward();
        assertTrue(logits64.grad().toFloat().maxAbsDiff(logits32.grad()) < 1e-6);
    }
}
