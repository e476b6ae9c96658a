/**
 * The course's Java Jupyter kernel: {@code KernelMain} starts it (settings, the course library's
 * choice of OpenBLAS kernels, logging) and {@code JavaKernel} answers Jupyter's requests by handing
 * them to the packages below.
 *
 * <p>May import from the kernel and the library: every kernel package below it —
 * {@code rnncourse.kernel.api}, {@code rnncourse.kernel.display}, {@code rnncourse.kernel.editing},
 * {@code rnncourse.kernel.exec}, {@code rnncourse.kernel.history}, {@code rnncourse.kernel.magic},
 * {@code rnncourse.kernel.protocol}, {@code rnncourse.kernel.startup}, {@code rnncourse.kernel.stdio}
 * <p>The course library is reached by reflection only, so that the kernel starts without it.
 */
package rnncourse.kernel;
