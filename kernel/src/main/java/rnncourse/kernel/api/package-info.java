/**
 * The small API that notebook cells compile against: {@code Notebook}'s display functions
 * ({@code display}, {@code updateDisplay}, {@code render}), imported statically at start-up, and the
 * bridge through which they reach the kernel.
 *
 * <p>May import from the kernel and the library: nothing.
 */
package rnncourse.kernel.api;
