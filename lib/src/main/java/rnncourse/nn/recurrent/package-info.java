/**
 * The engine behind {@code nn.RNN}, {@code nn.LSTM}, {@code nn.GRU} and their cells: one layer, both
 * directions, as the fused float32 kernel (one autograd node over all time steps, a hand-written
 * backward) or, in float64, as step-by-step tensor operations, the reference the kernel is tested
 * against.
 *
 * <p>Public, for {@code rnncourse.nn} only (notebooks do not import this package):
 * {@link rnncourse.nn.recurrent.RecurrentLayer}, the entry point, and what the modules build or
 * receive: {@code CellKind}, {@code SequenceLayout}, {@code DirectionWeights},
 * {@code RecurrentOutputs}. Internal, package-private: {@code FusedRecurrentLayer},
 * {@code RecurrentKernelF32} with its {@code StepBlocks}, {@code GateBias}, {@code WorkArrays},
 * {@code SavedActivations} and the records {@code Direction}, {@code WeightArrays},
 * {@code StateBlocks}, {@code OutputColumns}, and {@code ReferenceRecurrentLayer}.
 *
 * <p>Knows nothing of the modules above it.
 *
 * <p>May import from the library: {@code rnncourse.tensor}, {@code rnncourse.tensor.gemm},
 * {@code rnncourse.tensor.threads}.
 */
package rnncourse.nn.recurrent;
