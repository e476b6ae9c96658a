package rnncourse.nn;

/**
 * How a loss reduces its per-element values, like PyTorch's {@code reduction=} argument.
 */
public enum Loss {
    /** The average over elements (PyTorch's default). */
    MEAN,
    /** The sum over elements. */
    SUM;
}
