package rnncourse.kernel.startup;

import org.junit.jupiter.api.Test;
import rnncourse.kernel.exec.CellExecutionControl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadFailuresTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final AtomicInteger exits = new AtomicInteger();
    private final List<String> notebook = new CopyOnWriteArrayList<>();
    private final ThreadFailures failures = new ThreadFailures(new PrintStream(console, true, StandardCharsets.UTF_8),
            exits::incrementAndGet);

    ThreadFailuresTest() {
        failures.tellNotebookWith(notebook::add);
    }

    @Test
    void aDeadIoThreadEndsTheKernelSayingSo() {
        failures.uncaughtException(new Thread("iothread-2"), new OutOfMemoryError("Java heap space"));
        assertEquals(1, exits.get());
        assertEquals(1, notebook.size());
        assertTrue(notebook.get(0).contains("iothread-2 died of java.lang.OutOfMemoryError: Java heap space"), notebook.get(0));
        assertTrue(notebook.get(0).contains("Jupyter restarts it"), notebook.get(0));
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("iothread-2 died"));
    }

    @Test
    void otherThreadsArePrintedAndTheKernelGoesOn() {
        failures.uncaughtException(new Thread("some-helper"), new OutOfMemoryError("Java heap space"));
        // a cell may call its own thread anything, even what JeroMQ calls its threads
        Thread cellThread = new Thread(CellExecutionControl.CELL_THREADS, () -> { }, "iothread-1");
        assertFalse(ThreadFailures.isVital(cellThread));
        failures.uncaughtException(cellThread, new IllegalStateException("cell's own"));
        assertEquals(0, exits.get());
        assertTrue(notebook.isEmpty());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("thread some-helper failed"));
    }
}
