/**
 * Neural-network modules with PyTorch's names, shapes and defaults: {@code Module}, {@code Linear},
 * {@code Embedding}, {@code Dropout}, the recurrent layers {@code RNN}, {@code LSTM}, {@code GRU}
 * (over {@code RNNBase}) and their cells (over {@code RNNCellBase}), and the losses
 * {@code CrossEntropyLoss}, {@code NLLLoss}, {@code MSELoss} with their {@code Loss} reduction.
 *
 * <p>The public classes are the API. The recurrent layers check their input and hand each layer to
 * {@link rnncourse.nn.recurrent.RecurrentLayer}; the losses share {@code ClassificationLoss}
 * (package-private).
 *
 * <p>May import from the library: {@code rnncourse.tensor}, {@code rnncourse.tensor.threads},
 * {@code rnncourse.nn.recurrent}, {@code rnncourse.nn.utils}.
 */
package rnncourse.nn;
