package rnncourse.kernel.output;

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
    public void write(byte[] b, int off, int len) {
        String batch = null;
        synchronized (this) {
            pending.append(b, off, len);
            if (pending.size() >= EAGER_LIMIT) {
                batch = pending.takeComplete();
            }
        }
        send(batch);
    }

    /**
     * {@code flush()} is a no-op on purpose: PrintStream flushes on every newline, and
     * turning each into a message is exactly what this class avoids.
     */
    @Override
    public void flush() {
    }

    /** Passes on all complete characters written so far. */
    public void drain() {
        String batch;
        synchronized (this) {
            batch = pending.takeComplete();
        }
        send(batch);
    }

    /** Passes on everything written so far, an unfinished character included. */
    public void drainAll() {
        String batch;
        synchronized (this) {
            batch = pending.takeAll();
        }
        send(batch);
    }

    private void send(String batch) {
        if (batch != null && !batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
