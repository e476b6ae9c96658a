package rnncourse.kernel.exec;

/**
 * One JShell snippet cut out of a cell.
 *
 * @param source    the snippet's text as JShell should evaluate it
 * @param startLine the 1-based cell line the snippet starts on
 */
public record SourceSnippet(String source, int startLine) {
}
