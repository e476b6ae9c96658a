/**
 * The tensor: {@link rnncourse.tensor.Tensor}, an n-dimensional array on the Java heap with
 * reverse-mode automatic differentiation, named and shaped after PyTorch's {@code torch.Tensor}.
 *
 * <p>API: {@code Tensor} (the façade every notebook uses), {@code DType}, {@code Size},
 * {@code Generator}, {@code Autograd} with {@code BackwardFn} and {@code MultiOutputBackwardFn} (how
 * operations outside this package join the graph), {@code Kernels} (the one float32 tanh, sigmoid
 * and exp), {@code Matmul#gemm} (the product on tensors' storage), {@code Nd4jArrays} (to and from
 * ND4J's {@code INDArray}), {@code Numerics} (what decides the bits of this process's results) and
 * {@code GradCheck}. Internal, package-private: the operations' bodies and backward rules, grouped by
 * kind ({@code Pointwise}, {@code Broadcast}, {@code Reductions}, {@code ShapeOps}, {@code Creation},
 * {@code Matmul}), {@code Shapes} and {@code TensorFormatter}.
 *
 * <p>May import from the library: {@code rnncourse.tensor.gemm}, {@code rnncourse.tensor.threads}.
 */
package rnncourse.tensor;
