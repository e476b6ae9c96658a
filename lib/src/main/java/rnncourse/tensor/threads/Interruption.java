package rnncourse.tensor.threads;

import java.util.concurrent.CancellationException;

/**
 * The cooperative interrupt check of the library's long loops (the recurrent layers' time steps,
 * autograd's backward pass): a long forward or backward pass ends soon after the thread that
 * called it is interrupted, e.g. by the notebook's interrupt button, instead of running to its
 * end. One check per time step or per backward node (a volatile read), outside the loops over
 * the numbers, so it costs nothing measurable and changes no arithmetic.
 */
public final class Interruption {
    private Interruption() {
    }

    /**
     * @param caller the thread that called into the library (a time loop may run half its batch on
     *               the library's helper thread, which is never interrupted itself)
     * @throws CancellationException if {@code caller} has been interrupted; its interrupt status
     *                               stays set
     */
    public static void check(Thread caller) {
        if (caller.isInterrupted()) {
            throw new CancellationException("the library's loop was interrupted (thread '" + caller.getName()
                    + "') and stopped between two steps");
        }
    }
}
