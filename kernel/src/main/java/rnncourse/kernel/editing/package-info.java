/**
 * The editor's requests: completion, inspection (with Javadoc as text) and is_complete, answered from
 * JShell's source analysis.
 *
 * <p>May import from the kernel and the library: {@code rnncourse.kernel.exec}.
 */
package rnncourse.kernel.editing;
