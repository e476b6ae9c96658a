/**
 * What runs once per kernel: the {@code IJAVA_*} settings, JShell brought up in the background with
 * the start-up imports ({@code StartupScript}), logging, the watch on the parent process, and the
 * handler of failures on the kernel's own threads.
 *
 * <p>May import from the kernel and the library: {@code rnncourse.kernel.exec},
 * {@code rnncourse.kernel.magic}.
 */
package rnncourse.kernel.startup;
