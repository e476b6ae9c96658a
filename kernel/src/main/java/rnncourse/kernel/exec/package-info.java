/**
 * Running snippets in JShell on stoppable threads: the execution control, the bytecode
 * instrumentation that adds stop checks and redirects {@code System.exit}, splitting a cell into
 * snippets, and {@code TraceFormatter}, which writes every error a cell shows (and alone owns the ANSI
 * styling).
 *
 * <p>May import from the kernel and the library: {@code rnncourse.kernel.display}.
 */
package rnncourse.kernel.exec;
