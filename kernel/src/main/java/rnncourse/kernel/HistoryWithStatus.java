package rnncourse.kernel;

import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;

import java.util.List;

/**
 * A history_reply as the message spec has it: {@code status}, and each entry a list
 * {@code [session, line, input]} or {@code [session, line, [input, output]]}. basekernel
 * 2.3.0's own reply lacks the status and writes entries as objects, which clients reject.
 */
final class HistoryWithStatus implements ContentType<HistoryWithStatus> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final MessageType<HistoryWithStatus> TYPE = (MessageType) HistoryReply.MESSAGE_TYPE;

    @SuppressWarnings("unused") // serialised by Gson
    private final String status = "ok";
    @SuppressWarnings("unused")
    private final List<List<Object>> history;

    HistoryWithStatus(List<List<Object>> history) {
        this.history = history;
    }

    @Override
    public MessageType<HistoryWithStatus> getType() {
        return TYPE;
    }
}
