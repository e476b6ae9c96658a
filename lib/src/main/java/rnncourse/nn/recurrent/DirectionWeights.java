package rnncourse.nn.recurrent;

import rnncourse.tensor.Tensor;

/**
 * One direction's parameters as a layer or cell holds them (or their gradients): weight_ih
 * (G, inputSize), weight_hh (G, H), bias_ih and bias_hh (G), the biases null without bias.
 */
public record DirectionWeights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
}
