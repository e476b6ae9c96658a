/**
 * The course's Java Jupyter kernel: {@code KernelMain} starts it (settings, the course library's
 * choice of OpenBLAS kernels, logging) and {@code JavaKernel} answers Jupyter's requests by handing
 * them to the packages below.
 *
 * <p>May import from the kernel and the library: every {@code rnncourse.kernel} package below it
 * (the course library is reached by reflection only, so that the kernel starts without it).
 */
package rnncourse.kernel;
