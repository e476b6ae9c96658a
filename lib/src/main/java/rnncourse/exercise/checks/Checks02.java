package rnncourse.exercise.checks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import rnncourse.exercise.Check;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.RNN;
import rnncourse.nn.RNNCell;
import rnncourse.tensor.DType;
import rnncourse.tensor.Nd4jArrays;
import rnncourse.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden checks of notebook 02 (RNN 직접 구현), on ND4J arrays as the notebook uses them:
 * one step of the recurrence with a bias, and the hidden states of a whole sequence. The checks
 * build their own float64 arrays from a library {@code RNNCell}/{@code RNN} and compare with what
 * that layer computes. A student array of another type (ND4J makes FLOAT unless told otherwise)
 * is reported as a type clash naming the two types, not as the bare exception.
 */
public final class Checks02 {

    private static final String STEP_TITLE = "편향이 있는 RNN 한 스텝";
    private static final String RUN_TITLE = "시퀀스 전체의 은닉 상태";

    /** The exercises of notebook 02 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("02-1", STEP_TITLE, List.of(
                    "2절의 반복문 안쪽 한 줄이 바로 이 한 스텝입니다. 세 항을 더한 뒤 활성화 함수를 씌웁니다.",
                    "W_x (D_h, D) 곱하기 x (D, 1)은 Wx.mmul(x)로 (D_h, 1)이 됩니다. W_h·h도 같은 방식이고, b (D_h, 1)은 그대로 더합니다.",
                    "Transforms.tanh(Wx.mmul(x).add(Wh.mmul(h)).add(b))입니다. tanh는 b까지 더한 합 전체에 씌웁니다.")),
            new ExerciseInfo("02-2", RUN_TITLE, List.of(
                    "반복 횟수는 inputs의 행 수(inputs.size(0))이고, 한 바퀴는 02-1의 한 스텝입니다. h_0은 0인 (D_h, 1) 열벡터입니다.",
                    "시점 t의 입력은 inputs.getRow(t).reshape(D, 1)입니다. 새 h를 계산하면 그 h를 다음 바퀴에 넘기고, 갱신한 뒤의 h를 (1, D_h)로 눕혀 기록합니다.",
                    "h_0은 Nd4j.zeros(DataType.DOUBLE, Wh.size(0), 1)로 만드세요 (자료형을 빼면 FLOAT가 되어 DOUBLE 입력과 섞입니다). 기록은 Nd4j.vstack으로 (T, D_h)로 쌓습니다.")));

    /** Student code of 02-1. */
    @FunctionalInterface
    public interface RnnStepWithBias {
        /** @return h_t = tanh(Wx·x + Wh·h + b) as a (D_h, 1) column */
        INDArray rnnStepWithBias(INDArray x, INDArray h, INDArray Wx, INDArray Wh, INDArray b) throws Exception;
    }

    /** Student code of 02-2. */
    @FunctionalInterface
    public interface RunRnn {
        /** @return the (T, D_h) hidden states h_1..h_T of inputs (T, D) from h_0 = 0 */
        INDArray runRnn(INDArray inputs, INDArray Wx, INDArray Wh, INDArray b) throws Exception;
    }

    /** "…: DOUBLE vs. FLOAT" in ND4J's message of a matrix product of two types. */
    private static final Pattern TYPE_PAIR = Pattern.compile("\\b([A-Z][A-Z0-9]+)\\s+vs\\.?\\s+([A-Z][A-Z0-9]+)\\b");

    private Checks02() {
    }

    /**
     * 02-1: input sizes D and D_h that differ in every case (so a transposed weight cannot pass
     * by symmetry), D = 1, a zero previous state (where ignoring h cannot show) and non-zero
     * random ones; a float64 {@code RNNCell} (seed 2402) gives the expected step, its two biases
     * summed into b. Tolerance 10⁻⁹.
     */
    public static ExerciseResult rnnStepWithBias(RnnStepWithBias student) {
        return Exercise.check("02-1", STEP_TITLE, check -> {
            Tensor.manualSeed(2402);
            int[][] sizes = {{3, 5}, {6, 2}, {1, 4}, {4, 7}};
            for (int trial = 0; trial < sizes.length; trial++) {
                int d = sizes[trial][0], dh = sizes[trial][1];
                RNNCell cell = new RNNCell(d, dh);
                cell.to(DType.FLOAT64);
                Map<String, Tensor> p = cell.namedParameters();
                Tensor x = Tensor.randn(DType.FLOAT64, 1, d);
                Tensor h = trial == 2 ? Tensor.zeros(DType.FLOAT64, 1, dh) : Tensor.randn(DType.FLOAT64, 1, dh);
                Tensor expected;
                try (var ng = Tensor.noGrad()) {
                    expected = cell.forward(x, h).transpose(0, 1).contiguous();   // (dh, 1)
                }
                INDArray b = Nd4jArrays.toNd4j(p.get("bias_ih").add(p.get("bias_hh")).detach().view(dh, 1));
                INDArray wx = Nd4jArrays.toNd4j(p.get("weight_ih").detach()), wh = Nd4jArrays.toNd4j(p.get("weight_hh").detach());
                INDArray xs = Nd4jArrays.toNd4j(x.transpose(0, 1).contiguous()), hs = Nd4jArrays.toNd4j(h.transpose(0, 1).contiguous());
                String what = "h_t (입력 " + d + "칸, 은닉 상태 " + dh + "칸" + (trial == 2 ? ", h = 0" : "") + ")";
                Given given = new Given(List.of("x", "h", "W_x", "W_h", "b"), List.of(xs, hs, wx, wh, b));
                INDArray got = callWatchingTypes(check, what, () -> student.rnnStepWithBias(xs, hs, wx, wh, b));
                if (!given.unchanged(check, what)) {
                    return;
                }
                if (got == null || !sameType(check, what, got)) {
                    return;
                }
                Tensor mine = Nd4jArrays.toTensor(got);
                String hint = mine.abs().max().item() > 1
                        ? "1보다 큰 값이 있습니다. tanh의 값은 (−1, 1) 안에 있으니, 합 전체에 tanh를 씌웠는지 보세요."
                        : trial == 2
                        ? "h = 0이면 W_h·h는 0입니다. W_x·x + b에 tanh를 씌웠는지 보세요."
                        : "세 항 W_x·x, W_h·h, b를 모두 더한 뒤 tanh를 씌웠는지(b를 tanh 밖에서 더하지 않았는지), W_h를 전치하지 않았는지 보세요.";
                check.close(what, expected, mine, 1e-9, hint);
            }
        });
    }

    /**
     * 02-2: sequences of lengths 12 (longer than the notebook's T = 10, so a loop bound taken
     * from the page's {@code T} shows), 1, 6 and 4 with D ≠ D_h, through a float64 library
     * {@code RNN} (seed 2403) whose {@code output()} is the expected (T, D_h). States are compared
     * one time step at a time; the check stops at the first step that differs and names it.
     */
    public static ExerciseResult runRnn(RunRnn student) {
        return Exercise.check("02-2", RUN_TITLE, check -> {
            Tensor.manualSeed(2403);
            int[][] sizes = {{12, 3, 5}, {1, 4, 2}, {6, 2, 6}, {4, 5, 3}};
            for (int[] size : sizes) {
                int len = size[0], d = size[1], dh = size[2];
                RNN layer = new RNN(d, dh, RNN.options().batchFirst(true));
                layer.to(DType.FLOAT64);
                Map<String, Tensor> p = layer.namedParameters();
                Tensor seq = Tensor.randn(DType.FLOAT64, 1, len, d);
                Tensor expected;
                try (var ng = Tensor.noGrad()) {
                    expected = layer.forward(seq).output().select(0, 0).contiguous();   // (len, dh)
                }
                INDArray b = Nd4jArrays.toNd4j(p.get("bias_ih_l0").add(p.get("bias_hh_l0")).detach().view(dh, 1));
                INDArray inputs = Nd4jArrays.toNd4j(seq.select(0, 0).contiguous());
                INDArray wx = Nd4jArrays.toNd4j(p.get("weight_ih_l0").detach()), wh = Nd4jArrays.toNd4j(p.get("weight_hh_l0").detach());
                String what = "길이 " + len + ", 입력 " + d + "칸, 은닉 상태 " + dh + "칸인 시퀀스의 (T, D_h) 기록";
                Given given = new Given(List.of("inputs", "W_x", "W_h", "b"), List.of(inputs, wx, wh, b));
                INDArray got = callWatchingTypes(check, what, () -> student.runRnn(inputs, wx, wh, b));
                // before the states: a b grown in place shows only from t = 2 on, where the
                // states' hint would point at the update of h
                if (!given.unchanged(check, what) || got == null || !sameType(check, what, got)) {
                    return;
                }
                if (!sameStates(check, what, expected, Nd4jArrays.toTensor(got))) {
                    return;
                }
            }
        });
    }

    /**
     * The arrays handed to the student's code, with copies of their values, so that an in-place
     * operation on one of them ({@code b.addi(...)}, {@code h.assign(...)}) is seen even when the
     * returned value is right: in the loop of 02-2 it changes every later step.
     */
    private record Given(List<String> names, List<INDArray> arrays, List<double[]> values) {
        Given(List<String> names, List<INDArray> arrays) {
            this(names, arrays, arrays.stream().map(a -> a.dup().data().asDouble()).toList());
        }

        boolean unchanged(Check check, String what) {
            List<String> changed = new java.util.ArrayList<>();
            for (int k = 0; k < arrays.size(); k++) {
                if (!java.util.Arrays.equals(values.get(k), arrays.get(k).dup().data().asDouble())) {
                    changed.add(names.get(k));
                }
            }
            return check.that(what + ": 넘겨받은 배열이 그대로인지", changed.isEmpty(), "모두 그대로",
                    "바뀐 배열: " + String.join(", ", changed),
                    "넘겨받은 배열에 addi, assign 같은 제자리 연산을 쓰면 부른 쪽의 값이 바뀝니다(반복문에서는 다음 시점의 "
                            + "b나 h가 달라집니다). add처럼 새 배열을 만드는 연산을 쓰거나, 새로 만든 곱의 결과에만 제자리 연산을 쓰세요.");
        }
    }

    /**
     * Compares the recorded states time step by time step and names the first one that differs,
     * with a hint for what usually causes a difference there.
     */
    private static boolean sameStates(Check check, String what, Tensor expected, Tensor got) {
        int steps = expected.size(0);
        if (!check.shape(what + "의 모양", expected.shapeArray(), got,
                "행 수는 inputs의 행 수(T)이고 열 수는 은닉 상태 크기입니다. 반복 횟수를 inputs.size(0)에서 얻었는지, h_t를 (1, D_h)로 눕혀 쌓았는지 보세요.")) {
            return false;
        }
        for (int t = 0; t < steps; t++) {
            Tensor row = got.select(0, t);
            String hint;
            if (t == 0 && row.abs().max().item() == 0) {
                hint = "첫 행이 0입니다. 갱신하기 전의 h(h_0)를 기록했습니다: 새 h를 계산한 뒤 기록하세요.";
            } else if (t == 0) {
                hint = "첫 시점부터 다릅니다. h_1 = tanh(W_x·x_1 + W_h·h_0 + b)이고 h_0 = 0입니다. x_1은 inputs의 0번 행입니다.";
            } else {
                hint = "t = 1은 맞고 그 뒤가 다릅니다. 새로 계산한 h를 다음 시점의 h_{t−1}로 넘기는지(h를 갱신하는지) 보세요.";
            }
            if (!check.close(what + ", 시점 t = " + (t + 1) + "의 h_t (행 " + t + ")", expected.select(0, t), row, 1e-9, hint)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the student's code; an ND4J type clash inside it (a FLOAT array met the check's DOUBLE
     * ones) becomes a failed comparison naming the types, and null is returned. Anything else the
     * code throws passes on, as {@link Check#call} reports it.
     */
    private static INDArray callWatchingTypes(Check check, String what, Callable<INDArray> studentCode) {
        try {
            return check.call(studentCode);
        } catch (RuntimeException thrown) {
            String clash = typeClash(thrown);
            if (clash == null) {
                throw thrown;
            }
            check.that(what + ": 배열의 자료형", false, "모두 DOUBLE (검사가 넘긴 배열의 자료형)", clash,
                    "검사가 넘기는 배열은 모두 DOUBLE입니다. 함수 안에서 새로 만든 배열(h_0 같은)에 DataType.DOUBLE을 주었는지 보세요. "
                            + "자료형을 주지 않으면 ND4J는 FLOAT 배열을 만듭니다.");
            return null;
        }
    }

    /** @return "DOUBLE과 FLOAT이 만났습니다 …" if the exception (or a cause) is ND4J's type clash, else null */
    static String typeClash(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            if (message.contains("same dtype") || message.contains("same data type") || message.contains("same type")) {
                Matcher pair = TYPE_PAIR.matcher(message);
                String op = message.contains("Matrix multiplication") ? "행렬 곱(mmul)" : "연산";
                return pair.find()
                        ? op + "에서 " + pair.group(1) + " 배열과 " + pair.group(2) + " 배열이 만났습니다"
                        : op + "에서 자료형이 다른 배열들이 만났습니다";
            }
        }
        return null;
    }

    private static boolean sameType(Check check, String what, INDArray got) {
        return check.that(what + ": 결과의 자료형", got.dataType() == DataType.DOUBLE, "DOUBLE (입력과 같은 자료형)",
                String.valueOf(got.dataType()),
                "입력이 DOUBLE이면 결과도 DOUBLE이어야 합니다. 중간에 FLOAT로 만든 배열이나 castTo가 없는지 보세요.");
    }
}
