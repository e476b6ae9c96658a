/**
 * The library's threads: {@link rnncourse.tensor.threads.Parallel}, two-way sections on the one
 * helper thread that large products, recurrent time loops and the loss split their work over, and
 * {@link rnncourse.tensor.threads.Interruption}, the check that ends a long forward or backward
 * loop soon after its caller is interrupted. Both are API for the library's own packages; a
 * notebook never needs them.
 *
 * <p>May import from the library: nothing.
 */
package rnncourse.tensor.threads;
