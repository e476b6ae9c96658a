/**
 * PyTorch's {@code torch.nn.utils} for the course: {@code PackedSequence} and the functions that pad
 * and pack sequences of different lengths ({@code RnnUtils}), and gradient clipping
 * ({@code ClipGrad}).
 *
 * <p>May import from the library: {@code rnncourse.tensor}.
 */
package rnncourse.nn.utils;
