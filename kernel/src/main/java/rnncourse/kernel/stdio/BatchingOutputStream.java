package rnncourse.kernel.stdio;

import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * An output stream that gathers what a cell prints and passes it on in batches, instead of
 * one message per {@code println}: thousands of tiny messages would overflow the ZeroMQ
 * queue and be dropped. Batches leave when {@link #drain()} is called (by a timer and at the
 * end of each cell) or when the buffer grows past a limit. Thread-safe.
 */
public final class BatchingOutputStream extends OutputStream {
    /** Above this many buffered bytes a write drains at once. */
    static final int EAGER_LIMIT = 64 * 1024;

    private final Utf8Accumulator pending = new Utf8Accumulator();
    private final Consumer<String> sink;

    /** @param sink receives each non-empty batch of text */
    public BatchingOutputStream(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        pending.append(b, off, len);
        if (pending.size() >= EAGER_LIMIT) {
            send(pending.takeComplete());
        }
    }

    /**
     * {@code flush()} is a no-op on purpose: PrintStream flushes on every newline, and
     * turning each into a message is exactly what this class avoids.
     */
    @Override
    public void flush() {
    }

    // Taking a batch and sending it happen under one lock: the timer and the end of a cell
    // both drain, and a batch taken first must also be sent first.

    /** Passes on all complete characters written so far. */
    public synchronized void drain() {
        send(pending.takeComplete());
    }

    /** Passes on everything written so far, an unfinished character included. */
    public synchronized void drainAll() {
        send(pending.takeAll());
    }

    private void send(String batch) {
        if (batch != null && !batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
