/**
 * A cell's {@code System.out}, {@code System.err} and {@code System.in}: output batched into
 * stream messages, UTF-8 decoded across writes, and input requests to the notebook.
 *
 * <p>May import from the kernel and the library: {@code rnncourse.kernel.protocol}.
 */
package rnncourse.kernel.stdio;
