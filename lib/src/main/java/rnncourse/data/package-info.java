/**
 * The course's data: where the files are ({@code DataPaths}, which also honours
 * {@code RNN_COURSE_DATA}), vocabularies ({@code CharVocab}, {@code WordVocab}, {@code Lang}),
 * windows, batches and train/test splits, min-max scaling, MNIST, the stock-price CSV through
 * Tablesaw, Tribuo for baselines, and the synthetic memory tasks of the LSTM lesson. A missing or malformed file is reported by
 * name, with how to get it.
 *
 * <p>May import from the library: {@code rnncourse.tensor}.
 */
package rnncourse.data;
