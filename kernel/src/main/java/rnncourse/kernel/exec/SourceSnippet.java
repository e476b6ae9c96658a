package rnncourse.kernel.exec;

/**
 * One JShell snippet cut out of a cell.
 *
 * @param source          the snippet's text as JShell should evaluate it (JShell adds a missing
 *                        semicolon, so this text cannot tell whether the user wrote one)
 * @param startLine       the 1-based cell line the snippet starts on
 * @param hiddenBySemicolon whether the user ended it with a semicolon, which hides an expression's
 *                        value as in IPython
 */
public record SourceSnippet(String source, int startLine, boolean hiddenBySemicolon) {
}
