package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/** The recurrent kernels' time loops end soon after their caller is interrupted, and only then. */
class InterruptionTest {

    private static Tensor input(int batch, int steps, int features) {
        Tensor x = Tensor.zeros(batch, steps, features);
        float[] v = x.floatData();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(0.37 * i);
        }
        return x;
    }

    @Test
    void anInterruptedCallerStopsForwardAndBackwardInBothPrecisions() {
        for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
            LSTM lstm = new LSTM(3, 8, LSTM.options().batchFirst(true));
            GRU gru = new GRU(3, 8, GRU.options().batchFirst(true));
            lstm.to(dtype);
            gru.to(dtype);
            Tensor x = input(64, 12, 3).to(dtype);
            float[] before = lstm.forward(x).output().to(DType.FLOAT32).floatData();
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class, () -> lstm.forward(x), dtype + " LSTM forward");
                assertThrows(CancellationException.class, () -> gru.forward(x), dtype + " GRU forward");
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set for the caller");
            } finally {
                Thread.interrupted();
            }
            // not interrupted: the same numbers as before (the check changes no arithmetic)
            assertArrayEquals(before, lstm.forward(x).output().to(DType.FLOAT32).floatData());
            Tensor loss = lstm.forward(x).output().sum();
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class, loss::backward, dtype + " LSTM backward");
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void aLongForwardOverALargeBatchStopsWithinASecond() throws Exception {
        // large enough that the time loop is split over both cores, and runs for many seconds
        LSTM lstm = new LSTM(16, 512, LSTM.options().batchFirst(true));
        Tensor x = input(128, 120, 16); // ~32 GFLOP in the time loop, 0.13 GB of saved gates
        lstm.forward(input(128, 2, 16)); // loads the native BLAS first, which takes seconds on a busy machine
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                lstm.forward(x);
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        caller.start();
        Thread.sleep(1500);
        long start = System.nanoTime();
        caller.interrupt();
        Throwable thrown = ended.get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertInstanceOf(CancellationException.class, thrown, "the forward pass ran to its end (or failed otherwise)");
        assertTrue(seconds < 1.0, "the forward pass took " + seconds + " s to notice the interrupt");
    }
}
