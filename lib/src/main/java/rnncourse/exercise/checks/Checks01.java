package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.RNNCell;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hidden checks of notebook 01 (RNN 소개): one step of the recurrence by hand with the
 * notebook's weights, and the parameter count of an unrolled {@code RNNCell}.
 */
public final class Checks01 {

    private static final String STEP_TITLE = "한 시점을 손으로";
    private static final String COUNT_TITLE = "펼친 RNN의 파라미터 수";

    /** The exercises of notebook 01 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("01-1", STEP_TITLE, List.of(
                    "a_t = W_x·x_t + W_h·h_{t−1} + b를 칸마다 따로 쓰면 곱셈과 덧셈 몇 개입니다. b = 0이고, 마지막에 tanh를 씌웁니다.",
                    "(W_h·h)의 k번째 칸은 W_h의 k번째 행(가로줄)과 h의 내적입니다. 첫 칸은 0.5·h[0] + (−0.4)·h[1]입니다.",
                    "a_0 = 1.0·x + 0.5·h[0] − 0.4·h[1], a_1 = −0.5·x + 0.3·h[0] + 0.8·h[1]이고, 답은 {tanh(a_0), tanh(a_1)}입니다.")),
            new ExerciseInfo("01-2", COUNT_TITLE, List.of(
                    "펼친 그림에서 셀이 시점마다 하나씩 보이지만, 그 셀들은 모두 같은 W와 b를 씁니다. 길이가 답을 바꿀까요?",
                    "weight_ih는 (hidden, input), weight_hh는 (hidden, hidden), bias_ih와 bias_hh는 각각 (hidden) 모양입니다.",
                    "hidden·input + hidden·hidden + 2·hidden이고, seqLength는 쓰지 않습니다.")));

    /** Student code of 01-1. */
    @FunctionalInterface
    public interface StepByHand {
        /** @return the new hidden state {h_t[0], h_t[1]} for input x and previous state h */
        double[] stepByHand(double x, double[] h) throws Exception;
    }

    /** Student code of 01-2. */
    @FunctionalInterface
    public interface ParameterCount {
        /** @return the number of trainable parameters of an RNNCell unrolled over seqLength steps */
        int parameterCount(int inputSize, int hiddenSize, int seqLength) throws Exception;
    }

    private Checks01() {
    }

    /**
     * 01-1: the notebook's weights in a float64 {@code RNNCell}; cases h = 0 (where a transposed
     * W_h cannot show), x = 0 (only W_h acts), both of opposite signs, and random inputs
     * (seed 2410). Tolerance 10⁻⁹.
     */
    public static ExerciseResult stepByHand(StepByHand student) {
        return Exercise.check("01-1", STEP_TITLE, check -> {
            RNNCell reference = new RNNCell(1, 2);
            reference.to(DType.FLOAT64);
            try (var ng = Tensor.noGrad()) {
                Map<String, Tensor> p = reference.namedParameters();
                p.get("weight_ih").copy_(Tensor.fromArray(new double[]{1.0, -0.5}, 2, 1));
                p.get("weight_hh").copy_(Tensor.fromArray(new double[]{0.5, -0.4, 0.3, 0.8}, 2, 2));
                p.get("bias_ih").zero_();
                p.get("bias_hh").zero_();
            }
            List<double[]> cases = new ArrayList<>(List.of(
                    new double[]{0.7, 0, 0}, new double[]{0, 0.9, -0.6}, new double[]{-1.3, -0.45, 0.8}));
            Random rng = new Random(2410);
            for (int trial = 0; trial < 4; trial++) {
                cases.add(new double[]{-2 + 4 * rng.nextDouble(), -1 + 2 * rng.nextDouble(), -1 + 2 * rng.nextDouble()});
            }
            for (double[] c : cases) {
                double x = c[0];
                double[] h = {c[1], c[2]};
                Tensor expected;
                try (var ng = Tensor.noGrad()) {
                    expected = reference.forward(Tensor.fromArray(new double[]{x}, 1, 1), Tensor.fromArray(h, 1, 2)).select(0, 0);
                }
                double[] got = check.call(() -> student.stepByHand(x, h.clone()));
                String what = String.format("x = %.3f, h = (%.3f, %.3f)일 때의 h_t", x, h[0], h[1]);
                if (got == null || got.length != 2) {
                    check.that(what, false, "두 칸짜리 double 배열", got == null ? "null" : got.length + "칸",
                            "new double[]{h0, h1}을 돌려주세요.");
                    continue;
                }
                boolean outsideTanh = Math.abs(got[0]) > 1 || Math.abs(got[1]) > 1;
                check.close(what, expected, Tensor.fromArray(got), 1e-9, outsideTanh
                        ? "1보다 큰 값이 있습니다. tanh의 값은 (−1, 1) 안에 있으니, a_t에 tanh를 씌웠는지 보세요."
                        : x != 0 && h[0] == 0 && h[1] == 0
                                ? "h = 0이면 a_t = W_x·x뿐입니다. W_x = (1.0, −0.5)를 칸마다 곱하고 tanh를 씌웠는지 보세요."
                                : "W_h의 행(가로줄)과 h를 곱합니다 (열이 아니라). 두 칸의 순서와 tanh도 확인하세요.");
            }
        });
    }

    /**
     * 01-2: sizes whose input and hidden sizes differ (so that hidden² and input² cannot be
     * swapped), size 1 of both, length 1 (where multiplying by the length cannot show) and long
     * sequences, then random sizes (seed 2411). The expected count is a real {@code RNNCell}'s
     * {@code numParameters()}.
     */
    public static ExerciseResult parameterCount(ParameterCount student) {
        return Exercise.check("01-2", COUNT_TITLE, check -> {
            List<int[]> cases = new ArrayList<>(List.of(new int[]{1, 1, 1}, new int[]{3, 7, 1}, new int[]{12, 5, 40}));
            Random rng = new Random(2411);
            for (int trial = 0; trial < 4; trial++) {
                int in = 1 + rng.nextInt(20), hid = 1 + rng.nextInt(30);
                if (hid == in) {
                    hid++;
                }
                cases.add(new int[]{in, hid, 2 + rng.nextInt(600)});
            }
            for (int[] c : cases) {
                int in = c[0], hid = c[1], len = c[2];
                int expected = new RNNCell(in, hid).numParameters();
                int got = check.call(() -> student.parameterCount(in, hid, len));
                check.equal("입력 " + in + "칸, 은닉 상태 " + hid + "칸, 길이 " + len + "인 시퀀스에 펼친 RNNCell", expected, got,
                        "모든 시점이 같은 weight_ih (hidden, input), weight_hh (hidden, hidden), bias_ih, bias_hh를 씁니다. 편향은 두 개입니다.");
            }
        });
    }
}
