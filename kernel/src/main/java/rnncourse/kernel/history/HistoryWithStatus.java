package rnncourse.kernel.history;

import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * A history_reply as the message spec has it: {@code status}, and each entry a list
 * {@code [session, line, input]} or {@code [session, line, [input, output]]}. basekernel
 * 2.3.0's own reply lacks the status and writes entries as objects, which clients reject.
 */
public final class HistoryWithStatus implements ContentType<HistoryWithStatus> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final MessageType<HistoryWithStatus> TYPE = (MessageType) HistoryReply.MESSAGE_TYPE;

    @SuppressWarnings("unused") // serialised by Gson
    private final String status = "ok";
    private final List<List<Object>> history;

    HistoryWithStatus(List<List<Object>> history) {
        this.history = history;
    }

    /**
     * Answers a history request (tail, range or search) from the store.
     *
     * @param request the request
     * @param store   this session's cells
     * @return the reply
     */
    public static HistoryWithStatus answering(HistoryRequest request, HistoryStore store) {
        List<HistoryStore.Entry> entries;
        if (request instanceof HistoryRequest.Tail tail) {
            entries = store.tail(tail.getMaxReturnLength());
        } else if (request instanceof HistoryRequest.Range range) {
            entries = store.range(range.getStart(), range.getStop());
        } else if (request instanceof HistoryRequest.Search search) {
            entries = store.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique());
        } else {
            entries = List.of();
        }
        List<List<Object>> reply = new ArrayList<>();
        for (HistoryStore.Entry e : entries) {
            Object text = request.includeOutput()
                    ? List.of(e.input(), e.output() == null ? "" : e.output())
                    : e.input();
            reply.add(List.of(HistoryStore.SESSION, e.cell(), text));
        }
        return new HistoryWithStatus(reply);
    }

    /** @return the entries as sent: {@code [session, cell, input]} or {@code [session, cell, [input, output]]} */
    List<List<Object>> entries() {
        return history;
    }

    @Override
    public MessageType<HistoryWithStatus> getType() {
        return TYPE;
    }
}
