package rnncourse.kernel.stdio;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's {@code System.in}: a read asks the notebook for a line of input (Jupyter's
 * input_request) when the running cell's frontend allows it, and is at end of input
 * otherwise (nbconvert, for instance), so a cell reading stdin never hangs the kernel.
 */
public final class NotebookInput extends InputStream {
    private final CellStreams streams;
    private volatile ShellReplyEnvironment env;
    private volatile boolean allowed;
    private byte[] line = new byte[0];
    private int position;

    /** @param streams flushed before a prompt so printed text appears above it */
    public NotebookInput(CellStreams streams) {
        this.streams = streams;
    }

    /**
     * Called at the start of each cell.
     *
     * @param env     the cell's reply environment
     * @param allowed whether the frontend accepts input requests for it
     */
    public void attach(ShellReplyEnvironment env, boolean allowed) {
        this.env = env;
        this.allowed = allowed;
        synchronized (this) {
            line = new byte[0];
            position = 0;
        }
    }

    @Override
    public synchronized int read() {
        if (position >= line.length && !fill()) {
            return -1;
        }
        return line[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= line.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - position);
        System.arraycopy(line, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - position;
    }

    private boolean fill() {
        ShellReplyEnvironment current = env;
        if (!allowed || current == null) {
            return false;
        }
        streams.flushAll();
        String text = current.readFromStdIn("");
        if (text == null) {
            return false;
        }
        line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
