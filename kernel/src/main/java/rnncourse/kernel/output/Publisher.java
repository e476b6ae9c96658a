package rnncourse.kernel.output;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;

/**
 * Sends IOPub messages on behalf of the cell that runs now, or ran last: output from a
 * background thread after its cell finished still lands under that cell rather than being lost.
 * Safe to call from any thread (basekernel serialises socket sends).
 */
public final class Publisher {
    private volatile ShellReplyEnvironment current;

    /** @param env the reply environment of the execute request now starting */
    public void attach(ShellReplyEnvironment env) {
        this.current = env;
    }

    /** @return true once some cell has run, so there is a parent to publish under */
    public boolean isAttached() {
        return current != null;
    }

    /**
     * Publishes {@code content} as a child of the current cell; dropped if no cell ran yet.
     *
     * @param content an IOPub message body
     * @param <T>     its type
     */
    @SuppressWarnings("unchecked")
    public <T extends ContentType<T>> void publish(T content) {
        ShellReplyEnvironment env = current;
        if (env != null) {
            env.getIopub().sendMessage(new Message<>(env.getContext(), content.getType(), content));
        }
    }
}
