package rnncourse.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import rnncourse.nn.GRU;
import rnncourse.nn.LSTM;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * The recurrent layers end soon after their caller is interrupted, and only then: the fused float32
 * kernel after each of its large allocations, between the blocks of its input projection and between
 * two time steps; float64 layers (tensor operations) between two steps forward and between two
 * autograd nodes backward.
 */
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

    /** A caller whose interrupt status turns on at its {@code onAt}-th look, counting the looks. */
    private static final class CountingCaller extends Thread {
        final AtomicInteger looks = new AtomicInteger();
        final int onAt;
        volatile Throwable thrown;

        CountingCaller(int onAt, Runnable work) {
            super(work);
            this.onAt = onAt;
        }

        @Override
        public boolean isInterrupted() {
            return looks.incrementAndGet() >= onAt;
        }
    }

    private static CountingCaller runAs(int onAt, Runnable work) throws InterruptedException {
        CountingCaller[] self = new CountingCaller[1];
        self[0] = new CountingCaller(onAt, () -> {
            try {
                work.run();
            } catch (Throwable e) {
                self[0].thrown = e;
            }
        });
        self[0].start();
        self[0].join();
        return self[0];
    }

    @Test
    void theTimeLoopLooksOncePerStepAndStopsAtTheNextLookOnBothHalvesOfTheBatch() throws Exception {
        // a batch large enough that the time loop runs as two halves (on two threads where Parallel can)
        LSTM lstm = new LSTM(4, 64, LSTM.options().batchFirst(true));
        int steps = 40;
        Tensor x = input(128, steps, 4);
        CountingCaller never = runAs(Integer.MAX_VALUE, () -> lstm.forward(x));
        assertTrue(never.thrown == null, "not interrupted: " + never.thrown);
        int perForward = never.looks.get();
        // the batch is cut in two by its shape alone, on any core count: two threads run the halves
        // side by side, one core one after the other, with the same looks
        assertTrue(RecurrentKernelF32.split(SequenceLayout.batchFirst(steps, 128), 64, 4 * 64) > 0,
                "this batch must be cut in two");
        int halves = 2;
        // one look after the output's allocation and one after each of the LSTM's four saved arrays
        int allocationLooks = 1 + 4;
        assertTrue(perForward == allocationLooks + steps * halves, "one look after each large allocation, then one "
                + "per time step and half of the batch: " + perForward + " looks for " + steps + " steps");
        CountingCaller stopsAllocating = runAs(1, () -> lstm.forward(x));
        assertInstanceOf(CancellationException.class, stopsAllocating.thrown);
        assertTrue(stopsAllocating.looks.get() == 1, "stopped after the output's allocation, before the saved "
                + "arrays': " + stopsAllocating.looks.get());

        // a long input (128 × 40 rows of 1,024 gate values, more than PROJECTION_BLOCK_FLOATS) also
        // looks between the blocks of its input projection, a native product with no look inside
        LSTM wide = new LSTM(4, 256, LSTM.options().batchFirst(true));
        long gateValues = 128L * steps * 4 * 256;
        int projectionLooks = (int) ((gateValues + RecurrentKernelF32.PROJECTION_BLOCK_FLOATS - 1)
                / RecurrentKernelF32.PROJECTION_BLOCK_FLOATS) - 1;
        assertTrue(projectionLooks >= 1, "the projection must be cut into blocks");
        CountingCaller wideRun = runAs(Integer.MAX_VALUE, () -> wide.forward(x));
        assertTrue(wideRun.thrown == null, "not interrupted: " + wideRun.thrown);
        assertTrue(wideRun.looks.get() == allocationLooks + projectionLooks + steps * halves, "one look between "
                + "each two of the projection's blocks, then one per step and half: " + wideRun.looks.get());
        CountingCaller stopsInProjection = runAs(allocationLooks + 1, () -> wide.forward(x));
        assertInstanceOf(CancellationException.class, stopsInProjection.thrown);
        assertTrue(stopsInProjection.looks.get() == allocationLooks + 1,
                "stopped at the projection's first look: " + stopsInProjection.looks.get());
        StackTraceElement where = stopsInProjection.thrown.getStackTrace()[1];
        assertTrue(where.getMethodName().equals("inputProjection"), "stopped in " + where);

        int onAt = allocationLooks + (perForward - allocationLooks) / 2;
        CountingCaller midway = runAs(onAt, () -> lstm.forward(x));
        assertInstanceOf(CancellationException.class, midway.thrown);
        // the half that saw it stops at once, the other half at its next step
        assertTrue(midway.looks.get() <= onAt + halves,
                "looked " + midway.looks.get() + " times, interrupted from look " + onAt);
    }
}
