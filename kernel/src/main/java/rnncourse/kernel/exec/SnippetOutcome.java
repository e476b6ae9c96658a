package rnncourse.kernel.exec;

/**
 * What the last invocation of a snippet produced, as live objects (JShell itself only keeps
 * the value as a String).
 *
 * @param value     the value the snippet returned (null for statements or on failure)
 * @param failure   the Throwable the snippet threw, or null
 * @param stoppedBy why the snippet was stopped from outside, or null if it ran to its end
 */
public record SnippetOutcome(Object value, Throwable failure, StopReason stoppedBy) {
    /** An outcome for a snippet that has not run. */
    public static final SnippetOutcome NONE = new SnippetOutcome(null, null, null);
}
