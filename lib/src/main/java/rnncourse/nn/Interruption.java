package rnncourse.nn;

import java.util.concurrent.CancellationException;

/**
 * The cooperative interrupt check of the recurrent kernels' time loops: a long forward or
 * backward pass (many steps over a large batch) ends soon after the thread that called it is
 * interrupted, e.g. by the notebook's interrupt button, instead of running to its end. One check
 * per time step (a volatile read), outside the loops over the batch and the hidden units, so it
 * costs nothing measurable and changes no arithmetic.
 */
final class Interruption {
    private Interruption() {
    }

    /**
     * @param caller the thread that called into the library (a time loop may run half its batch on
     *               the library's helper thread, which is never interrupted itself)
     * @throws CancellationException if {@code caller} has been interrupted; its interrupt status
     *                               stays set
     */
    static void check(Thread caller) {
        if (caller.isInterrupted()) {
            throw new CancellationException("the recurrent layer was interrupted (thread '" + caller.getName()
                    + "') and stopped between two time steps");
        }
    }
}
