package rnncourse.tensor.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The two-way parallel sections: both tasks run once, failures come back, nesting is safe. */
class ParallelTest {
    @Test
    void runsEachTaskOnceAndReturnsWhenBothAreDone() {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        for (int i = 0; i < 2000; i++) {
            int micros = i % 7;
            Parallel.run(() -> {
                busy(micros);
                a.incrementAndGet();
            }, () -> b.incrementAndGet());
            assertEquals(i + 1, a.get(), "first task done before run returns");
            assertEquals(i + 1, b.get());
        }
    }

    @Test
    void bothHalvesRunAtTheSameTimeWhenTwoCoresAreFree() {
        assumeTrue(Parallel.available(), "one core (or -Drnncourse.parallel=false): run runs its tasks in turn");
        // the caller spends 2 ms on its own half, so the polling helper takes the other one; on a
        // machine whose other core is busy it may not get there in time, so allow a few attempts
        boolean onHelper = false;
        for (int attempt = 0; attempt < 20 && !onHelper; attempt++) {
            AtomicReference<Thread> ran = new AtomicReference<>();
            Parallel.run(() -> ran.set(Thread.currentThread()), () -> busy(2000));
            onHelper = ran.get() != Thread.currentThread();
        }
        assertTrue(onHelper, "the helper thread never took the first task");
    }

    @Test
    void failuresOfEitherTaskAreRethrownAndTheHelperStaysUsable() {
        IllegalStateException first = assertThrows(IllegalStateException.class,
                () -> Parallel.run(() -> {
                    throw new IllegalStateException("first failed");
                }, () -> busy(50)));
        assertEquals("first failed", first.getMessage());
        IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
                () -> Parallel.run(() -> busy(10), () -> {
                    throw new IllegalArgumentException("second failed");
                }));
        assertEquals("second failed", second.getMessage());
        StackOverflowError error = new StackOverflowError("deep");
        assertSame(error, assertThrows(StackOverflowError.class, () -> Parallel.run(() -> {
            throw error;
        }, () -> busy(50))));
        int[] hits = new int[2];
        Parallel.run(() -> hits[0]++, () -> hits[1]++);
        assertTrue(hits[0] == 1 && hits[1] == 1);
    }

    @Test
    void nestedAndConcurrentSectionsRunSequentiallyInsteadOfDeadlocking() throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        Runnable nested = () -> Parallel.run(count::incrementAndGet, count::incrementAndGet);
        Parallel.run(nested, nested);
        assertEquals(4, count.get());
        Thread other = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                Parallel.run(count::incrementAndGet, count::incrementAndGet);
            }
        });
        other.start();
        for (int i = 0; i < 500; i++) {
            Parallel.run(count::incrementAndGet, count::incrementAndGet);
        }
        other.join();
        assertEquals(4 + 2000, count.get());
    }

    /** Spins for about the given microseconds. */
    private static void busy(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
