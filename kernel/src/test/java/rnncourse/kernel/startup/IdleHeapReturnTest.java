package rnncourse.kernel.startup;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The idle collection's decisions, with a simulated heap and a counted collector. */
class IdleHeapReturnTest {
    private static final long IDLE_MS = 40;
    private static final long MB = 1L << 20;

    private final AtomicLong committed = new AtomicLong(100 * MB);
    private final AtomicInteger collections = new AtomicInteger();
    private final IdleHeapReturn heapReturn = new IdleHeapReturn(IDLE_MS, committed::get, () -> {
        collections.incrementAndGet();
        committed.set(80 * MB); // what a shrinking full collection does
    }, new PrintStream(new ByteArrayOutputStream()));

    @AfterEach
    void stop() {
        heapReturn.stop();
    }

    private static void idle(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    @Test
    void aHeapThatGrewIsCollectedOnceTheKernelIsIdle() throws InterruptedException {
        heapReturn.cellStarted();
        committed.set(600 * MB);
        heapReturn.cellEnded();
        assertEquals(0, collections.get(), "collected before the idle time");
        idle(10 * IDLE_MS);
        assertEquals(1, collections.get());
        // nothing grew since: the next idle period collects nothing
        heapReturn.cellStarted();
        heapReturn.cellEnded();
        idle(10 * IDLE_MS);
        assertEquals(1, collections.get());
    }

    @Test
    void growthBelowTheThresholdIsLeftAlone() throws InterruptedException {
        heapReturn.cellStarted();
        committed.set(100 * MB + IdleHeapReturn.GROWTH_BYTES);
        heapReturn.cellEnded();
        idle(10 * IDLE_MS);
        assertEquals(0, collections.get());
    }

    @Test
    void aCellThatStartsWithinTheIdleTimeCallsTheCollectionOff() throws InterruptedException {
        heapReturn.cellStarted();
        committed.set(600 * MB);
        heapReturn.cellEnded();
        heapReturn.cellStarted(); // the next cell, at once
        idle(10 * IDLE_MS);
        assertEquals(0, collections.get(), "collected while a cell ran");
        heapReturn.cellEnded();
        idle(10 * IDLE_MS);
        assertEquals(1, collections.get());
    }

    @Test
    void growthCountsFromTheSmallestHeapSinceTheLastCollection() throws InterruptedException {
        committed.set(900 * MB); // a cell grew the heap...
        heapReturn.cellStarted();
        committed.set(60 * MB); // ...and the old generation's own full collection shrank it
        heapReturn.cellEnded();
        heapReturn.cellStarted();
        committed.set(60 * MB + IdleHeapReturn.GROWTH_BYTES * 3 / 2); // grown from 60, not from 100
        heapReturn.cellEnded();
        idle(10 * IDLE_MS);
        assertEquals(1, collections.get());
    }

    @Test
    void afterStopACellStillRuns() {
        heapReturn.stop();
        heapReturn.cellStarted();
        heapReturn.cellEnded(); // no RejectedExecutionException
        assertEquals(0, collections.get());
    }
}
