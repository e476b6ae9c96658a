/**
 * The Jupyter messages the kernel sends on its own: {@code Publisher} sends IOPub messages from one
 * thread, and the kernel-info and history replies carry their status.
 *
 * <p>May import from the kernel and the library: nothing.
 */
package rnncourse.kernel.protocol;
