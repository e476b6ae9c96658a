package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable tensor operation against central finite differences in float64. Each case
 * reduces the op's output with fixed random weights, so every output element's gradient is tested.
 */
class TensorGradTest {

    private static Tensor leaf(int... shape) {
        return Tensor.randn(DType.FLOAT64, shape).requiresGrad_(true);
    }

    private static Tensor positive(int... shape) {
        return Tensor.rand(shape).toDouble().add(0.5).requiresGrad_(true);
    }

    private static Arguments unary(String name, Function<Tensor, Tensor> op, Tensor x) {
        return Arguments.of(name, (Function<List<Tensor>, Tensor>) in -> op.apply(in.get(0)), List.of(x));
    }

    private static Arguments binary(String name, java.util.function.BiFunction<Tensor, Tensor, Tensor> op, Tensor a, Tensor b) {
        return Arguments.of(name, (Function<List<Tensor>, Tensor>) in -> op.apply(in.get(0), in.get(1)), List.of(a, b));
    }

    static Stream<Arguments> ops() {
        Tensor.manualSeed(11);
        return Stream.of(
                unary("tanh", Tensor::tanh, leaf(3, 4)),
                unary("sigmoid", Tensor::sigmoid, leaf(3, 4)),
                unary("relu", Tensor::relu, leaf(3, 4).add(0.05).detach().requiresGrad_(true)),
                unary("exp", Tensor::exp, leaf(2, 3)),
                unary("log", Tensor::log, positive(2, 3)),
                unary("sqrt", Tensor::sqrt, positive(2, 3)),
                unary("abs", Tensor::abs, positive(2, 3)),
                unary("pow", t -> t.pow(3), leaf(2, 3)),
                unary("neg", Tensor::neg, leaf(4)),
                unary("scalar add/mul/div/rsub", t -> t.add(1.5).mul(2).div(3).rsub(1), leaf(2, 2)),
                binary("add broadcast", Tensor::add, leaf(2, 3, 4), leaf(4)),
                binary("sub broadcast", Tensor::sub, leaf(2, 1, 4), leaf(3, 1)),
                binary("mul broadcast", Tensor::mul, leaf(3, 4), leaf(3, 1)),
                binary("div", Tensor::div, leaf(3, 4), positive(3, 4)),
                unary("sum", Tensor::sum, leaf(3, 4)),
                unary("sum(dim)", t -> t.sum(1), leaf(2, 3, 4)),
                unary("mean(dim, keepdim)", t -> t.mean(0, true), leaf(3, 4)),
                unary("max(dim).values", t -> t.max(1).values(), leaf(3, 5)),
                unary("softmax", t -> t.softmax(1), leaf(3, 5)),
                unary("logSoftmax", t -> t.logSoftmax(0), leaf(4, 2)),
                binary("matmul 2D", Tensor::matmul, leaf(3, 4), leaf(4, 2)),
                binary("matmul 3D@2D", Tensor::matmul, leaf(2, 3, 4), leaf(4, 5)),
                binary("matmul 1D·1D", Tensor::matmul, leaf(4), leaf(4)),
                binary("bmm", Tensor::bmm, leaf(2, 3, 4), leaf(2, 4, 2)),
                unary("view/reshape/flatten", t -> t.view(4, 3).reshape(2, 6).flatten(), leaf(3, 4)),
                unary("unsqueeze/squeeze", t -> t.unsqueeze(0).squeeze(0), leaf(3, 4)),
                unary("transpose", t -> t.transpose(0, 2), leaf(2, 3, 4)),
                unary("t", Tensor::t, leaf(3, 4)),
                unary("permute", t -> t.permute(2, 0, 1), leaf(2, 3, 4)),
                unary("slice", t -> t.slice(1, 1, 3), leaf(2, 4)),
                unary("select", t -> t.select(0, 1), leaf(3, 4)),
                unary("indexSelect", t -> t.indexSelect(0, 2, 0, 2), leaf(3, 4)),
                binary("cat", (a, b) -> Tensor.cat(1, a, b), leaf(2, 3), leaf(2, 2)),
                binary("stack", (a, b) -> Tensor.stack(0, a, b), leaf(2, 3), leaf(2, 3)),
                unary("chunk", t -> t.chunk(2, 1).get(1), leaf(2, 4)),
                unary("split", t -> t.split(2, 0).get(1), leaf(3, 2)),
                unary("expand", t -> t.expand(3, 4), leaf(1, 4)),
                unary("clamp", t -> t.clamp(-0.5, 0.5), leaf(3, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradientMatchesFiniteDifferences(String name, Function<List<Tensor>, Tensor> op, List<Tensor> inputs) {
        Tensor out = op.apply(inputs);
        Tensor weights = Tensor.randn(DType.FLOAT64, out.shapeArray());
        GradCheck.Result r = GradCheck.check(() -> op.apply(inputs).mul(weights).sum(), inputs, 1e-6);
        assertTrue(r.passed(1e-6), name + ": " + r);
    }
}
