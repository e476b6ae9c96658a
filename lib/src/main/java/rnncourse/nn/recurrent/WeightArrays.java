package rnncourse.nn.recurrent;

/**
 * One direction's weights as raw row-major float arrays, in
 * PyTorch's shapes: weight_ih (G, inputSize), weight_hh (G, H), bias_ih and bias_hh (G). The same
 * record carries their gradients, where a null array means "not wanted"; for weights, null biases
 * mean a layer without bias.
 */
record WeightArrays(float[] weightIh, float[] weightHh, float[] biasIh, float[] biasHh) {
}
