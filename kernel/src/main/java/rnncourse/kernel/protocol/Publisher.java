package rnncourse.kernel.protocol;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends IOPub messages on behalf of the cell that runs now, or ran last: output from a
 * background thread after its cell finished still lands under that cell rather than being lost.
 *
 * <p>Messages are sent by one sender thread, in the order they were published. A cell's own
 * thread never writes to the socket: an interrupt may stop that thread at any instruction,
 * and a multi-part ZeroMQ message cut in half would garble every message after it. A message
 * that fails to be built or sent (out of memory, a user object that throws when serialised) is
 * dropped and counted ({@link #dropped()}); the sender thread goes on.
 */
public final class Publisher {
    /** Longest {@link #sync()} waits; a stuck socket must not hang the kernel. */
    static final long SYNC_TIMEOUT_MS = 10_000;

    private volatile ShellReplyEnvironment current;
    private final Map<String, Runnable> latest = new ConcurrentHashMap<>();
    private final DroppedMessages dropped = new DroppedMessages();
    /** Messages waiting to be sent before publishers have to wait (back-pressure for print loops). */
    static final int QUEUE_LIMIT = 1000;

    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_LIMIT), r -> {
                Thread t = new Thread(r, "iopub-sender");
                t.setDaemon(true);
                return t;
            }, Publisher::waitForRoom);

    /** A full queue makes the publishing thread wait rather than send itself or drop. */
    private static void waitForRoom(Runnable task, ThreadPoolExecutor executor) {
        try {
            executor.getQueue().put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param env the reply environment of the execute request now starting */
    public void attach(ShellReplyEnvironment env) {
        this.current = env;
    }

    /**
     * Queues {@code content} as a child of the current cell; dropped if no cell ran yet.
     * Returns at once; safe from any thread.
     *
     * @param content an IOPub message body
     * @param <T>     its type
     */
    public <T extends ContentType<T>> void publish(T content) {
        ShellReplyEnvironment env = current;
        if (env == null) {
            return;
        }
        Message<T> message = new Message<>(env.getContext(), content.getType(), content);
        sender.execute(guarded(() -> env.getIopub().sendMessage(message)));
    }

    /** @return the messages dropped because sending them failed */
    public DroppedMessages dropped() {
        return dropped;
    }

    /**
     * A send that cannot end the sender thread: whatever it throws (an OutOfMemoryError while
     * Gson serialises a huge display, a user map that throws) drops that one message.
     */
    private Runnable guarded(Runnable send) {
        return () -> {
            try {
                send.run();
            } catch (Throwable failure) {
                dropped.record(Thread.currentThread().getName(), failure);
            }
        };
    }

    /**
     * Queues {@code content} under {@code key}, replacing a message with the same key that is
     * still waiting: only the newest is sent. For updates of one display, which a training
     * loop may produce faster than any frontend can draw them.
     *
     * @param key     what the message updates, e.g. a display id
     * @param content an IOPub message body
     * @param <T>     its type
     */
    public <T extends ContentType<T>> void publishLatest(String key, T content) {
        ShellReplyEnvironment env = current;
        if (env == null) {
            return;
        }
        Runnable send = () -> env.getIopub().sendMessage(new Message<>(env.getContext(), content.getType(), content));
        if (latest.put(key, send) == null) {
            sender.execute(guarded(() -> {
                Runnable newest = latest.remove(key);
                if (newest != null) {
                    newest.run();
                }
            }));
        }
    }

    /** Waits until every message queued so far has been sent. */
    public void sync() {
        try {
            sender.submit(() -> { }).get(SYNC_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Sending failed or the socket is stuck: the reply must still go out.
        }
    }
}
