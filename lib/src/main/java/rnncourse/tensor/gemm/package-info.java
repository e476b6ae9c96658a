/**
 * The matrix products beneath the tensor: general matrix multiply on row-major {@code float[]} and
 * {@code double[]} arrays, planned once from the product's shape and run by one of four back ends.
 *
 * <p>API: {@link rnncourse.tensor.gemm.Gemm} (the one entry point: {@code sgemm}, {@code dgemm},
 * {@code Gemm.Resident} operands, the back end's description) and
 * {@link rnncourse.tensor.gemm.OpenBlasCore} (which OpenBLAS CPU kernels load, chosen before
 * OpenBLAS does). Internal, package-private: {@code GemmPlan} (which code multiplies and how a
 * product is cut), the back ends {@code JavaGemm}, {@code FixedOrderGemm} with its tile kernels,
 * {@code OpenBlasGemm} and {@code Nd4jGemm}.
 *
 * <p>Knows nothing of tensors: the tensor package calls it, never the other way round.
 *
 * <p>May import from the library: {@code rnncourse.tensor.threads}.
 */
package rnncourse.tensor.gemm;
