package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * What {@link Autograd#backward} keeps in the graph's nodes during a pass (which nodes it reached,
 * the gradients pending for their outputs) does not outlive the pass: a pass that fails halfway
 * leaves nothing that a second pass over the same graph would count again, and a second pass
 * over an intact graph gives the same gradients again.
 */
class BackwardPassTest {
    /** Whether {@link #identity}'s rule throws. */
    private boolean failing;

    /** y itself, recorded as a node whose rule throws while {@link #failing}. */
    private Tensor identity(Tensor y) {
        Tensor out;
        try (var ng = Tensor.noGrad()) {
            out = y.add(0);
        }
        return Autograd.record("FailingIdentityBackward", out, g -> {
            if (failing) {
                throw new IllegalStateException("planted failure");
            }
            return new Tensor[]{g};
        }, y);
    }

    /**
     * loss = sum(identity(y)) + sum(y) with y = x + x: dloss/dx = 2 + 2 = 4 everywhere. The pass
     * visits sum(y) before the failing node, so y's node has received a gradient when it fails.
     */
    @Test
    void aPassThatFailedHalfwayLeavesNothingTheNextPassCountsAgain() {
        Tensor x = Tensor.tensor(1, 2, 3).requiresGrad_(true);
        Tensor y = x.add(x);
        Tensor loss = identity(y).sum().add(y.sum());

        failing = true;
        assertThrows(IllegalStateException.class, loss::backward);
        assertNull(x.grad(), "a failed pass accumulates into no leaf");

        failing = false;
        loss.backward();
        assertArrayEquals(new double[]{4, 4, 4}, x.grad().toDoubleArray(), 0.0,
                "the gradient y's node had received in the failed pass must not count again");
    }

    @Test
    void aSecondPassOverTheSameGraphAddsTheSameGradientsAgain() {
        Tensor x = Tensor.tensor(1, 2, 3).requiresGrad_(true);
        Tensor y = x.mul(x);
        Tensor loss = y.sum().add(y.mul(y).sum());
        loss.backward();
        double[] once = x.grad().toDoubleArray();
        loss.backward();
        double[] twice = x.grad().toDoubleArray();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 0.0, "element " + i);
        }
        // d/dx (x² + x⁴) = 2x + 4x³
        assertArrayEquals(new double[]{6, 36, 114}, once, 0.0);
    }
}
