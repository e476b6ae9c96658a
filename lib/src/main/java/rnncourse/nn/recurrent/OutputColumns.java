package rnncourse.nn.recurrent;

/**
 * Where one direction writes (or, for gradients, reads) the hidden state of each row of the output
 * sequence: row r's H values at {@code data[r·cols + col ..]}, so both directions of a layer share
 * one (rows, 2H) output. A null {@code data} means no gradient reached the output.
 */
record OutputColumns(float[] data, int cols, int col) {
}
