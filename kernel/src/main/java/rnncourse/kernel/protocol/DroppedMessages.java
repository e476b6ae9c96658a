package rnncourse.kernel.protocol;

/**
 * Counts output the kernel had to drop because sending it failed (an {@code OutOfMemoryError}
 * while a message was built or serialised, or a user object that throws when Gson reads it), so
 * the thread that sends survives and the next reply says what was lost instead of the notebook
 * silently missing output. Thread-safe.
 */
public final class DroppedMessages {
    private int count;
    private String firstCause;

    /**
     * Records one dropped message.
     *
     * @param thread the thread that was sending
     * @param cause  why it failed
     */
    public synchronized void record(String thread, Throwable cause) {
        if (count++ == 0) {
            // no stack trace: after an OutOfMemoryError there may be no room to format one
            firstCause = cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + " in " + thread;
        }
    }

    /**
     * @return a line naming how many messages were dropped since the last call and why, or null
     *         if none was
     */
    public synchronized String takeNote() {
        if (count == 0) {
            return null;
        }
        String note = "rnn-course kernel: " + count + (count == 1 ? " output message was" : " output messages were")
                + " dropped (" + firstCause + "); the kernel goes on";
        count = 0;
        firstCause = null;
        return note;
    }
}
