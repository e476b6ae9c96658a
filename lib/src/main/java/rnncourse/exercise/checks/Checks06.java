package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.Linear;
import rnncourse.nn.RNN;
import rnncourse.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The hidden checks of notebook 06 (단어 단위 TextRNN): taking the last time step of a
 * sequence-first RNN output, and the output layer of batch rows with a {@code Linear}-shaped
 * weight.
 */
public final class Checks06 {

    private static final String LAST_TITLE = "마지막 시점 고르기";
    private static final String SCORES_TITLE = "배치 행에 곱하는 출력층";

    /** The exercises of notebook 06 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("06-1", LAST_TITLE, List.of(
                    "batchFirst가 없는 RNN의 출력은 (시퀀스, 배치, 은닉)입니다. 시간은 몇 번 축인가요?",
                    "select(축, 위치)는 그 축을 없애며 한 조각을 꺼냅니다. 마지막 위치는 그 축의 크기 − 1입니다 (TextRNN은 T = 2였지만 검사는 다른 길이를 넣습니다).",
                    "outputs.select(0, outputs.size(0) − 1)입니다. slice를 쓰면 축이 남아 (1, B, H)가 됩니다.")),
            new ExerciseInfo("06-2", SCORES_TITLE, List.of(
                    "행 하나가 샘플 하나입니다. (B, H)에 무엇을 곱해야 (B, C)가 나오나요?",
                    "weight는 (C, H)이므로 (H, C)로 바꿔 곱해야 합니다. view/reshape는 값의 순서를 그대로 두고 모양만 바꾸므로 전치가 아닙니다.",
                    "hT.mm(weight.transpose(0, 1)).add(bias)입니다. bias (C)는 브로드캐스팅으로 모든 행에 더해집니다.")));

    /** Student code of 06-1. */
    @FunctionalInterface
    public interface LastTimeStep {
        /** @return the last time step (B, H) of a sequence-first output (T, B, H) */
        Tensor lastTimeStep(Tensor outputs) throws Exception;
    }

    /** Student code of 06-2. */
    @FunctionalInterface
    public interface Scores {
        /** @return hT · weightᵀ + bias, (B, C), for hT (B, H), weight (C, H), bias (C) */
        Tensor scores(Tensor hT, Tensor weight, Tensor bias) throws Exception;
    }

    private Checks06() {
    }

    /**
     * 06-1: outputs of fresh sequence-first RNNs (seed 2460) with T, B and H different in every
     * case, the first longer than the notebook's T = 2, then T = 1 and B = 1; the expected step is
     * the layer's own {@code hN()} (one layer: the last step). Stops at the first case that differs.
     */
    public static ExerciseResult lastTimeStep(LastTimeStep student) {
        return Exercise.check("06-1", LAST_TITLE, check -> {
            Tensor.manualSeed(2460);
            int[][] sizes = {{5, 3, 4, 6}, {3, 6, 2, 4}, {1, 2, 5, 3}, {4, 1, 3, 2}};   // T, B, features, H
            for (int[] s : sizes) {
                int len = s[0], batch = s[1], feat = s[2], hid = s[3];
                RNN layer = new RNN(feat, hid);
                RNN.Output result;
                try (var ng = Tensor.noGrad()) {
                    result = layer.forward(Tensor.randn(len, batch, feat));
                }
                Tensor outputs = result.output();
                Tensor got = check.call(() -> student.lastTimeStep(outputs));
                boolean ok = check.close("(T, B, H) = (" + len + ", " + batch + ", " + hid + ")인 출력의 마지막 시점",
                        result.hN().select(0, 0), got, 1e-6, lastStepHint(outputs, got));
                if (!ok) {
                    return;
                }
            }
        });
    }

    /** A hint that says what the student's tensor is: a kept time axis, the batch axis, or another step. */
    private static String lastStepHint(Tensor outputs, Tensor got) {
        int len = outputs.size(0), batch = outputs.size(1), hid = outputs.size(2);
        if (got != null && Arrays.equals(got.shapeArray(), new int[]{1, batch, hid})) {
            return "시간 축이 크기 1로 남았습니다. slice는 축을 남기고 select는 없앱니다 (slice 뒤라면 squeeze(0)).";
        }
        if (got != null && Arrays.equals(got.shapeArray(), new int[]{len, hid})) {
            return "1번 축(배치)에서 골랐습니다. batchFirst가 없으면 0번 축이 시간입니다.";
        }
        if (got != null && Arrays.equals(got.shapeArray(), new int[]{batch, hid})) {
            for (int t = 0; t < len - 1; t++) {
                if (got.maxAbsDiff(outputs.select(0, t)) < 1e-9) {
                    return "돌려준 것은 시점 " + t + "(0부터 셈)의 출력입니다. 마지막 시점은 T − 1번, 곧 outputs.size(0) − 1번입니다.";
                }
            }
        }
        return "batchFirst가 없으면 0번 축이 시간입니다. 마지막 시점은 T − 1번이고, select는 그 축을 없앱니다.";
    }

    /**
     * 06-2: batch, hidden and class sizes different in every case (so a product in the wrong
     * order or a reshaped rather than transposed weight cannot pass by symmetry), batch 1 and
     * one class included; a fresh {@code Linear} (seed 2461) with its bias gives the expected
     * scores. Tolerance 10⁻⁵ (float32).
     */
    public static ExerciseResult scores(Scores student) {
        return Exercise.check("06-2", SCORES_TITLE, check -> {
            Tensor.manualSeed(2461);
            int[][] sizes = {{4, 3, 7}, {1, 5, 2}, {6, 2, 9}, {3, 8, 1}, {2, 6, 4}};   // B, H, C
            for (int[] s : sizes) {
                int batch = s[0], hid = s[1], classes = s[2];
                Linear layer = new Linear(hid, classes);
                Tensor hT = Tensor.randn(batch, hid);
                Tensor expected;
                try (var ng = Tensor.noGrad()) {
                    expected = layer.forward(hT);
                }
                Tensor weight = layer.namedParameters().get("weight").detach().copy();
                Tensor bias = layer.namedParameters().get("bias").detach().copy();
                Tensor got = check.call(() -> student.scores(hT.copy(), weight, bias));
                check.close("B = " + batch + ", H = " + hid + ", C = " + classes + "일 때의 점수 (B, C)", expected, got, 1e-5,
                        "행 하나가 샘플 하나입니다: hT (B, H)에 weight를 전치한 (H, C)를 곱하고 bias를 더합니다.");
            }
        });
    }
}
