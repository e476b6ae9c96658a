package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The library's float32 activations against {@code Math} over their whole range. */
class KernelsTest {
    @Test
    void activationsMatchMathWithinFloatPrecision() {
        double maxTanh = 0;
        double maxSig = 0;
        for (double v = -30; v <= 30; v += 1e-3) {
            float x = (float) v;
            maxTanh = Math.max(maxTanh, Math.abs(Kernels.tanh(x) - Math.tanh(x)));
            maxSig = Math.max(maxSig, Math.abs(Kernels.sigmoid(x) - 1 / (1 + Math.exp(-x))));
            if (Math.abs(x) > 1e-3 && Math.abs(x) < 7.9) {
                double rel = Math.abs(Kernels.tanh(x) / Math.tanh(x) - 1);
                assertTrue(rel < 5e-7, "tanh relative error " + rel + " at " + x);
            }
        }
        assertTrue(maxTanh < 5e-7, "tanh max abs error " + maxTanh);
        assertTrue(maxSig < 3e-7, "sigmoid max abs error " + maxSig);
        assertEquals(0f, Kernels.tanh(0f));
        assertEquals(1e-20f, Kernels.tanh(1e-20f));
        assertEquals(1f, Kernels.tanh(1e30f), 3e-7f);
        assertEquals(-1f, Kernels.tanh(Float.NEGATIVE_INFINITY), 3e-7f);
        for (float v = 0; v < 20; v += 1e-3f) {
            assertTrue(Math.abs(Kernels.tanh(v)) <= 1f, "|tanh(" + v + ")| > 1");
        }
        assertEquals(0.5f, Kernels.sigmoid(0f));
        assertTrue(Float.isNaN(Kernels.tanh(Float.NaN)) || Math.abs(Kernels.tanh(Float.NaN)) <= 1f);
    }

    @Test
    void expMatchesMathExpOverItsRange() {
        int n = 200_001;
        float[] x = new float[n + 3];
        for (int i = 0; i < n; i++) {
            x[i + 3] = -87f + 175f * i / (n - 1); // [-87, 88]
        }
        float[] y = x.clone();
        Kernels.expInPlace(y, new float[y.length], 3, y.length);
        double worst = 0;
        for (int i = 3; i < y.length; i++) {
            double exact = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - exact) / exact);
        }
        assertTrue(worst < 2e-7, "exp relative error " + worst);
        float[] ends = {0f, -1000f, Float.NEGATIVE_INFINITY, 1000f};
        Kernels.expInPlace(ends, new float[4], 0, 4);
        assertEquals(1f, ends[0]);
        assertTrue(ends[1] >= 0 && ends[1] < 2e-38f && ends[2] >= 0 && ends[2] < 2e-38f, "underflow clamps near 0");
        assertEquals((float) Math.exp(88), ends[3], 1e32f);
    }

    @Test
    void everyArrayFormAppliesTheScalarFunction() {
        float[] x = new float[37];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.7 * i) * 6;
        }
        float[] t = new float[x.length];
        float[] s = new float[x.length];
        Kernels.tanh(x, t, x.length);
        Kernels.sigmoid(x, s, x.length);
        float[] tOff = new float[x.length + 2];
        float[] sOff = new float[x.length + 2];
        Kernels.tanh(x, 1, tOff, 2, x.length - 1);
        Kernels.sigmoid(x, 1, sOff, 2, x.length - 1);
        float[] tIn = x.clone();
        float[] sIn = x.clone();
        Kernels.tanhInPlace(tIn, 3, x.length - 3);
        Kernels.sigmoidInPlace(sIn, 3, x.length - 3);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Kernels.tanh(x[i]), t[i]);
            assertEquals(Kernels.sigmoid(x[i]), s[i]);
            assertEquals(i < 3 ? x[i] : Kernels.tanh(x[i]), tIn[i]);
            assertEquals(i < 3 ? x[i] : Kernels.sigmoid(x[i]), sIn[i]);
            if (i >= 1) {
                assertEquals(Kernels.tanh(x[i]), tOff[i + 1]);
                assertEquals(Kernels.sigmoid(x[i]), sOff[i + 1]);
            }
        }
        assertEquals(0f, tOff[1]);
    }

    @Test
    void tensorTanhAndSigmoidUseTheseFunctions() {
        Tensor x = Tensor.randn(5, 7).mul(3);
        float[] v = x.floatData();
        float[] t = x.tanh().floatData();
        float[] s = x.sigmoid().floatData();
        for (int i = 0; i < v.length; i++) {
            assertEquals(Kernels.tanh(v[i]), t[i]);
            assertEquals(Kernels.sigmoid(v[i]), s[i]);
        }
    }
}
