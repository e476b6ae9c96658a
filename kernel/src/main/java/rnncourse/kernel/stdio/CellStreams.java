package rnncourse.kernel.stdio;

import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import rnncourse.kernel.protocol.Publisher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's {@code System.out} and {@code System.err}: batched, flushed every
 * {@value #FLUSH_INTERVAL_MS} ms by a timer and at the end of every cell, published as
 * Jupyter {@code stream} messages.
 */
public final class CellStreams {
    /** How often buffered output is sent while a cell runs. */
    public static final long FLUSH_INTERVAL_MS = 100;

    private final BatchingOutputStream out;
    private final BatchingOutputStream err;
    private final PrintStream outPrint;
    private final PrintStream errPrint;
    private final ScheduledExecutorService timer;
    private final Publisher publisher;

    /** @param publisher where the batches go */
    public CellStreams(Publisher publisher) {
        this.publisher = publisher;
        this.out = new BatchingOutputStream(text -> publisher.publish(new PublishStream(PublishStream.StreamType.OUT, text)));
        this.err = new BatchingOutputStream(text -> publisher.publish(new PublishStream(PublishStream.StreamType.ERR, text)));
        this.outPrint = new PrintStream(out, true, StandardCharsets.UTF_8);
        this.errPrint = new PrintStream(err, true, StandardCharsets.UTF_8);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "output-flusher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::timedFlush, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Makes these streams {@code System.out} and {@code System.err}. */
    public void install() {
        System.setOut(outPrint);
        System.setErr(errPrint);
    }

    /** @return the stream installed as System.out */
    public PrintStream out() {
        return outPrint;
    }

    /** @return the stream installed as System.err */
    public PrintStream err() {
        return errPrint;
    }

    /** Sends what is buffered (complete characters only). */
    public void flush() {
        outPrint.flush();
        errPrint.flush();
        out.drain();
        err.drain();
    }

    /**
     * The timer's flush. A scheduled task that throws is never run again, so an
     * OutOfMemoryError here (taking a batch out of the buffer needs memory) would stop output
     * for the rest of the session: it is counted as a dropped message instead, and the next
     * flush tries again.
     */
    private void timedFlush() {
        try {
            flush();
        } catch (Throwable failure) {
            publisher.dropped().record(Thread.currentThread().getName(), failure);
        }
    }

    /** Sends everything buffered and waits until it is sent; called when a cell ends. */
    public void flushAll() {
        outPrint.flush();
        errPrint.flush();
        out.drainAll();
        err.drainAll();
        publisher.sync();
    }
}
