/**
 * Optimizers with PyTorch's names and update rules: {@code SGD} (with momentum), {@code Adam},
 * {@code Adagrad}, over {@code Optimizer}. Each keeps its per-parameter state as tensors typed like
 * the parameter.
 *
 * <p>May import from the library: {@code rnncourse.tensor}.
 */
package rnncourse.optim;
