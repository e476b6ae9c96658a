package rnncourse.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rnncourse.nn.utils.ClipGrad;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/** The optimizers' update rules against the formulas written out step by step, and clipping. */
class OptimizersTest {

    private static Tensor param(double... v) {
        return Tensor.tensor(v).to(DType.FLOAT64).requiresGrad_(true);
    }

    @Test
    void sgdWithMomentumFollowsPyTorchsFormula() {
        Tensor p = param(1.0, -2.0);
        SGD opt = new SGD(List.of(p), 0.1, 0.9);
        double[] v = new double[2];
        double[] ref = {1.0, -2.0};
        for (int step = 0; step < 3; step++) {
            opt.zeroGrad();
            p.pow(2).sum().backward(); // grad = 2p
            for (int i = 0; i < 2; i++) {
                double g = 2 * ref[i];
                v[i] = step == 0 ? g : 0.9 * v[i] + g;
                ref[i] -= 0.1 * v[i];
            }
            opt.step();
        }
        assertEquals(ref[0], p.getFlat(0), 1e-12);
        assertEquals(ref[1], p.getFlat(1), 1e-12);
    }

    @Test
    void adamFollowsTheBiasCorrectedFormula() {
        Tensor p = param(0.5, -1.5, 3.0);
        Adam opt = new Adam(List.of(p), 0.01);
        double[] ref = {0.5, -1.5, 3.0};
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 5; t++) {
            opt.zeroGrad();
            p.pow(3).sum().backward(); // grad = 3p²
            for (int i = 0; i < 3; i++) {
                double g = 3 * ref[i] * ref[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                ref[i] -= 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            opt.step();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(ref[i], p.getFlat(i), 1e-12);
        }
    }

    @Test
    void adagradAccumulatesSquares() {
        Tensor p = param(2.0);
        Adagrad opt = new Adagrad(List.of(p), 0.5, 0, 1e-8);
        double ref = 2.0;
        double s = 0;
        for (int t = 0; t < 4; t++) {
            opt.zeroGrad();
            p.pow(2).sum().backward();
            double g = 2 * ref;
            s += g * g;
            ref -= 0.5 * g / (Math.sqrt(s) + 1e-8);
            opt.step();
        }
        assertEquals(ref, p.getFlat(0), 1e-12);
    }

    @Test
    void float32AndFloat64UpdatesAgree() {
        Tensor p32 = Tensor.tensor(0.3, -0.7).requiresGrad_(true);
        Tensor p64 = param(0.3, -0.7);
        Adam a = new Adam(List.of(p32), 0.1);
        Adam b = new Adam(List.of(p64), 0.1);
        for (int t = 0; t < 10; t++) {
            a.zeroGrad();
            b.zeroGrad();
            p32.pow(2).sum().backward();
            p64.pow(2).sum().backward();
            a.step();
            b.step();
        }
        assertEquals(p64.getFlat(0), p32.getFlat(0), 1e-5);
        assertEquals(p64.getFlat(1), p32.getFlat(1), 1e-5);
    }

    @Test
    void stateIsKeptPerParameterInItsOwnType() {
        // One optimizer over a float32 and a float64 parameter of different sizes must update each
        // exactly as an optimizer over that parameter alone does.
        for (int kind = 0; kind < 3; kind++) {
            Tensor a = Tensor.tensor(0.3, -0.7, 1.1).requiresGrad_(true);
            Tensor b = param(2.0, -0.5);
            Tensor a1 = Tensor.tensor(0.3, -0.7, 1.1).requiresGrad_(true);
            Tensor b1 = param(2.0, -0.5);
            Optimizer both = optimizer(kind, List.of(a, b));
            Optimizer onlyA = optimizer(kind, List.of(a1));
            Optimizer onlyB = optimizer(kind, List.of(b1));
            for (int t = 0; t < 4; t++) {
                for (Optimizer o : List.of(both, onlyA, onlyB)) {
                    o.zeroGrad();
                }
                a.pow(3).sum().add(b.pow(2).sum().toFloat()).backward();
                a1.pow(3).sum().backward();
                b1.pow(2).sum().backward();
                both.step();
                onlyA.step();
                onlyB.step();
            }
            String name = both.getClass().getSimpleName();
            assertTrue(a.allclose(a1, 0, 0), name + ": " + a + " vs " + a1);
            assertTrue(b.allclose(b1, 0, 0), name + ": " + b + " vs " + b1);
            assertEquals(DType.FLOAT64, b.dtype());
        }
    }

    private static Optimizer optimizer(int kind, List<Tensor> params) {
        switch (kind) {
            case 0: return new Adam(params, 0.05, 0.8, 0.99, 1e-8, 0.01);
            case 1: return new SGD(params, 0.05, 0.9, 0.01);
            default: return new Adagrad(params, 0.05, 0.1, 1e-10);
        }
    }

    @Test
    void clippingByNormAndByValue() {
        Tensor a = param(0, 0);
        Tensor b = param(0);
        a.setGrad(Tensor.tensor(3.0, 0.0).toDouble());
        b.setGrad(Tensor.tensor(4.0).toDouble());
        double norm = ClipGrad.clipGradNorm(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-12);
        assertEquals(0.6, a.grad().getFlat(0), 1e-6);
        assertEquals(0.8, b.grad().getFlat(0), 1e-6);
        a.setGrad(Tensor.tensor(-9.0, 2.0).toDouble());
        ClipGrad.clipGradValue(List.of(a), 5);
        assertEquals(-5.0, a.grad().getFlat(0));
        assertEquals(2.0, a.grad().getFlat(1));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1));
        assertTrue(e.getMessage().contains("empty parameter list"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(param(1)), -1));
        assertTrue(e.getMessage().contains("learning rate must be > 0, got -1"), e.getMessage());
    }
}
