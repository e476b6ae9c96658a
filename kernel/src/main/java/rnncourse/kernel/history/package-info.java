/**
 * Jupyter's history requests, answered from a store of the session's cells.
 *
 * <p>May import from the kernel and the library: nothing.
 */
package rnncourse.kernel.history;
