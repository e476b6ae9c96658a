package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.CrossEntropyLoss;
import rnncourse.nn.LSTM;
import rnncourse.nn.Linear;
import rnncourse.nn.RNN;
import rnncourse.nn.RNNBase;
import rnncourse.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks of notebook 08 (LSTM): filling the forget gate's bias by hand (08-1) and measuring
 * the gradient of the loss with respect to each time step of the input (08-2).
 */
public final class Checks08 {

    private static final ExerciseInfo FORGET_BIAS = new ExerciseInfo("08-1", "망각 게이트 편향 채우기", List.of(
            "bias_ih_l0과 bias_hh_l0은 길이 4H이고, 게이트 순서 i, f, g, o대로 H개씩 놓여 있습니다. 망각 게이트 f는 어느 구간일까요?",
            "f는 [H, 2H) 구간입니다. 두 편향은 더해져 게이트에 들어가므로, bias_ih_l0의 그 구간을 value로, bias_hh_l0의 같은 구간을 0으로 두면 합이 value입니다.",
            "slice()는 복사본을 돌려주므로 거기에 쓴 값은 파라미터에 닿지 않습니다. 파라미터 텐서 자체에 쓰세요: "
                    + "for (int j = H; j < 2 * H; j++) { bIh.set(value, j); bHh.set(0.0, j); }"));

    private static final ExerciseInfo GRADIENT_NORMS = new ExerciseInfo("08-2", "시점별 입력 기울기의 노름", List.of(
            "x를 그대로 두고 기울기를 켠 사본으로 계산합니다: Tensor xg = x.detach().requiresGrad_(true). "
                    + "loss = new CrossEntropyLoss().forward(model.apply(xg), y), loss.backward() 뒤에 xg.grad()가 ∂L/∂x입니다.",
            "xg.grad()의 모양은 (배치, T, 특징)입니다. 시점 t의 부분은 select(1, t)이고, 그 모든 원소의 제곱합의 제곱근이 노름입니다.",
            "norms[t] = Math.sqrt(xg.grad().select(1, t).pow(2).sum().item()); 를 t = 0 … T-1에 대해 채워 돌려주세요. "
                    + "x.requiresGrad_(true)를 x에 직접 부르면 부른 쪽의 x가 바뀌고, 다시 부를 때 기울기가 쌓입니다."));

    /** The exercises of notebook 08, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(FORGET_BIAS, GRADIENT_NORMS);

    private static final String[] GATES = {"입력 게이트 i", "망각 게이트 f", "후보 g", "출력 게이트 o"};

    private Checks08() {
    }

    /** The student's {@code setForgetBias(lstm, value)}. */
    @FunctionalInterface
    public interface ForgetBias {
        /** @throws Exception whatever the student's code throws */
        void apply(LSTM lstm, double value) throws Exception;
    }

    /** The student's {@code inputGradientNorms(model, x, y)}. */
    @FunctionalInterface
    public interface GradientNorms {
        /**
         * @param model logits (batch, classes) from an input x (batch, T, features)
         * @return ‖∂L/∂x_t‖ for t = 0 … T-1
         * @throws Exception whatever the student's code throws
         */
        double[] apply(Function<Tensor, Tensor> model, Tensor x, Tensor y) throws Exception;
    }

    /** One case of 08-1. */
    private record BiasCase(int input, int hidden, double value) {
    }

    /**
     * 08-1: on three fresh one-layer LSTMs the page never shows (hidden sizes 7, 1 and 4; values
     * 2.5, -1.5 and 0), the student's biases must equal {@code fillGateBias("f", value)}'s and the
     * weights must be untouched. A failure says what happened: nothing changed at all (a write
     * into a copy), which gate's block changed, or what bias_hh_l0 holds.
     */
    public static ExerciseResult setForgetBias(ForgetBias student) {
        return Exercise.check(FORGET_BIAS.id(), FORGET_BIAS.title(), check -> {
            List<BiasCase> cases = List.of(new BiasCase(3, 7, 2.5), new BiasCase(5, 1, -1.5), new BiasCase(2, 4, 0.0));
            long seed = 80_011;
            for (BiasCase c : cases) {
                Tensor.manualSeed(seed);
                var mine = new LSTM(c.input(), c.hidden());
                Tensor.manualSeed(seed);
                var before = new LSTM(c.input(), c.hidden());
                Tensor.manualSeed(seed++);
                var expected = new LSTM(c.input(), c.hidden()).fillGateBias("f", c.value());
                check.run(() -> student.apply(mine, c.value()));
                Map<String, Tensor> got = mine.namedParameters(), want = expected.namedParameters();
                String hint = forgetBiasHint(c, before.namedParameters(), got);
                String where = String.format(" (H = %d, value = %s)", c.hidden(), c.value());
                boolean ok = true;
                for (String name : List.of("bias_ih_l0", "bias_hh_l0", "weight_ih_l0", "weight_hh_l0")) {
                    ok &= check.close(name + where, want.get(name), got.get(name), 0, hint);
                }
                if (!ok) {
                    return;
                }
            }
        });
    }

    /** What the student's change did to the parameters, said as a hint. */
    private static String forgetBiasHint(BiasCase c, Map<String, Tensor> before, Map<String, Tensor> after) {
        int h = c.hidden();
        double[] ih0 = before.get("bias_ih_l0").toDoubleArray(), ih = after.get("bias_ih_l0").toDoubleArray();
        double[] hh0 = before.get("bias_hh_l0").toDoubleArray(), hh = after.get("bias_hh_l0").toDoubleArray();
        boolean weightsChanged = before.get("weight_ih_l0").maxAbsDiff(after.get("weight_ih_l0")) != 0
                || before.get("weight_hh_l0").maxAbsDiff(after.get("weight_hh_l0")) != 0;
        if (Arrays.equals(ih0, ih) && Arrays.equals(hh0, hh) && !weightsChanged) {
            return "파라미터가 하나도 바뀌지 않았습니다. slice()나 chunk()는 복사본을 돌려주므로, 거기에 fill_이나 set으로 쓴 값은 "
                    + "LSTM의 파라미터에 닿지 않습니다. namedParameters()로 꺼낸 텐서 자체에 set(값, j)로 쓰세요.";
        }
        if (weightsChanged) {
            return "가중치(weight_ih_l0, weight_hh_l0)가 바뀌었습니다. 바꿀 것은 두 편향의 망각 게이트 구간뿐입니다.";
        }
        for (int gate = 0; gate < 4; gate++) {
            if (gate != 1 && blockChangedTo(ih0, ih, gate * h, h, c.value()) && !blockChangedTo(ih0, ih, h, h, c.value())) {
                return "bias_ih_l0에서 " + GATES[gate] + "의 구간 [" + gate * h + ", " + (gate + 1) * h
                        + ")을 바꿨습니다. 게이트 순서는 i, f, g, o이고, 망각 게이트 f는 [H, 2H)입니다.";
            }
        }
        boolean hhForgetZero = true, hhForgetValue = true;
        for (int j = h; j < 2 * h; j++) {
            hhForgetZero &= hh[j] == 0;
            hhForgetValue &= hh[j] == (float) c.value();
        }
        if (!hhForgetZero && hhForgetValue) {
            return "bias_hh_l0의 망각 게이트 구간도 value로 채웠습니다. 두 편향은 더해지므로 합이 2 × value가 됩니다. 그 구간은 0으로 두세요.";
        }
        if (!hhForgetZero) {
            return "bias_hh_l0의 망각 게이트 구간 [H, 2H)를 0으로 바꾸지 않았습니다. 두 편향이 더해지므로, 그대로 두면 합이 value가 아닙니다.";
        }
        for (int j = 0; j < 4 * h; j++) {
            if ((j < h || j >= 2 * h) && (ih[j] != ih0[j] || hh[j] != hh0[j])) {
                return "망각 게이트 구간 밖의 원소(위치 " + j + ")가 바뀌었습니다. 나머지 원소는 그대로 두세요.";
            }
        }
        return "bias_ih_l0의 [H, 2H)는 value, bias_hh_l0의 [H, 2H)는 0, 나머지는 그대로여야 합니다.";
    }

    private static boolean blockChangedTo(double[] before, double[] after, int from, int length, double value) {
        boolean changed = false;
        for (int j = from; j < from + length; j++) {
            if (after[j] != (float) value) {
                return false;
            }
            changed |= before[j] != after[j];
        }
        return changed;
    }

    /** One case of 08-2: a recurrent layer kind and sizes that differ in every dimension. */
    private record NormCase(boolean lstm, int batch, int length, int features, int hidden) {
    }

    /**
     * 08-2: the student's per-step norms against the reference on three fresh classifiers the page
     * never shows (an RNN with batch 4, T = 9, 5 features; an LSTM with batch 1, T = 7; an RNN with
     * T = 1), each time step compared relative to its own size (the early steps' norms are orders
     * of magnitude below the last one's). The caller's x must come back as it was: same values,
     * no gradient switched on, no gradient stored, so that a second call gives the same numbers.
     */
    public static ExerciseResult inputGradientNorms(GradientNorms student) {
        return Exercise.check(GRADIENT_NORMS.id(), GRADIENT_NORMS.title(), check -> {
            List<NormCase> cases = List.of(new NormCase(false, 4, 9, 5, 6), new NormCase(true, 1, 7, 3, 4),
                    new NormCase(false, 3, 1, 4, 2));
            Tensor.manualSeed(80_021);
            for (NormCase c : cases) {
                Function<Tensor, Tensor> model = lastStepClassifier(c);
                int[] symbols = new int[c.batch() * c.length()];
                for (int k = 0; k < symbols.length; k++) {
                    symbols[k] = Tensor.generator().nextInt(c.features());
                }
                Tensor x = Tensor.oneHot(symbols, c.features()).view(c.batch(), c.length(), c.features());
                int[] labels = new int[c.batch()];
                for (int k = 0; k < labels.length; k++) {
                    labels[k] = Tensor.generator().nextInt(c.features());
                }
                Tensor y = Tensor.tensorLong(labels, c.batch());
                double[] expected = referenceNorms(model, x, y);
                Tensor xBefore = x.copy();
                String where = String.format("%s, 배치 %d, T = %d", c.lstm() ? "LSTM" : "RNN", c.batch(), c.length());
                double[] got = check.call(() -> student.apply(model, x, y));
                if (!check.that("돌려준 배열의 길이 (" + where + ")", got != null && got.length == c.length(),
                        "T = " + c.length(), got == null ? "null" : String.valueOf(got.length),
                        "시점마다 노름 하나씩, x.size(1)개를 돌려주세요.")) {
                    return;
                }
                String hint = normsHint(model, x, y, expected, got);
                boolean ok = true;
                for (int t = 0; t < c.length() && ok; t++) {
                    ok = check.close("t = " + t + "의 노름 (" + where + ")", expected[t], got[t], 1e-3 * expected[t], hint);
                }
                ok &= check.close("호출 뒤의 x 값 (" + where + ")", xBefore, x, 0,
                        "부른 쪽의 x를 바꾸지 마세요. 기울기는 x.detach()로 만든 새 텐서에서 켭니다.");
                ok &= check.that("호출 뒤 x.requiresGrad() (" + where + ")", !x.requiresGrad(), "false",
                        String.valueOf(x.requiresGrad()),
                        "x.requiresGrad_(true)를 x에 직접 불렀습니다. 그러면 부른 쪽의 x(예: 학습 데이터)가 그래프에 묶이고 기울기가 쌓입니다. "
                                + "x.detach().requiresGrad_(true)로 만든 새 텐서를 쓰세요.");
                ok &= check.that("호출 뒤 x.grad() (" + where + ")", x.grad() == null, "null (기울기 없음)",
                        x.grad() == null ? "null" : "기울기가 저장됨",
                        "부른 쪽의 x에 기울기가 남았습니다. 다시 부르면 그 위에 더해져 노름이 커집니다. x.detach()로 만든 새 텐서에 기울기를 켜세요.");
                if (!ok) {
                    return;
                }
                double[] again = check.call(() -> student.apply(model, x, y));
                if (again != null && again.length == c.length()) {
                    int last = c.length() - 1;
                    check.close("같은 x로 다시 부른 t = " + last + "의 노름 (" + where + ")", expected[last], again[last],
                            1e-3 * expected[last], "두 번째 호출의 값이 다릅니다. 기울기가 어딘가에 쌓이고 있지 않나요? 부를 때마다 새 텐서에서 시작하세요.");
                }
            }
        });
    }

    /** A fresh classifier: a batch-first recurrent layer, then Linear on the last step's output. */
    private static Function<Tensor, Tensor> lastStepClassifier(NormCase c) {
        RNNBase layer = c.lstm() ? new LSTM(c.features(), c.hidden(), LSTM.options().batchFirst(true))
                : new RNN(c.features(), c.hidden(), RNN.options().batchFirst(true));
        var fc = new Linear(c.hidden(), c.features());
        return x -> fc.forward(layer.output(x).select(1, x.size(1) - 1));
    }

    private static double[] referenceNorms(Function<Tensor, Tensor> model, Tensor x, Tensor y) {
        Tensor xg = x.detach().requiresGrad_(true);
        new CrossEntropyLoss().forward(model.apply(xg), y).backward();
        double[] norms = new double[x.size(1)];
        for (int t = 0; t < norms.length; t++) {
            norms[t] = Math.sqrt(xg.grad().select(1, t).pow(2).sum().item());
        }
        return norms;
    }

    /** Names the mistake whose numbers the student's match: another norm, another axis, reversed time. */
    private static String normsHint(Function<Tensor, Tensor> model, Tensor x, Tensor y, double[] expected, double[] got) {
        Tensor xg = x.detach().requiresGrad_(true);
        new CrossEntropyLoss().forward(model.apply(xg), y).backward();
        Tensor g = xg.grad();
        int length = x.size(1);
        double[] l1 = new double[length], squared = new double[length], reversed = new double[length];
        for (int t = 0; t < length; t++) {
            l1[t] = g.select(1, t).abs().sum().item();
            squared[t] = expected[t] * expected[t];
            reversed[t] = expected[length - 1 - t];
        }
        if (length > 1 && agrees(reversed, got)) {
            return "시점의 순서가 거꾸로입니다. norms[t]는 x의 t번째 시점(select(1, t))의 노름입니다.";
        }
        if (agrees(l1, got)) {
            return "절댓값의 합(L1)을 구했습니다. 유클리드 노름은 제곱합의 제곱근입니다.";
        }
        if (agrees(squared, got)) {
            return "제곱합에서 제곱근을 빼먹었습니다: Math.sqrt(…)입니다.";
        }
        if (agrees(scaled(expected, x.size(0)), got)) {
            return "노름이 배치 크기만큼 큽니다. 손실은 배치 평균(CrossEntropyLoss의 기본값)입니다.";
        }
        int zeros = 0;
        for (int t = 0; t < length - 1; t++) {
            zeros += got[t] == 0 ? 1 : 0;
        }
        if (length > 1 && zeros == length - 1) {
            return "마지막 시점 말고는 0입니다. 시점마다 xg.grad().select(1, t)의 노름을 구하세요.";
        }
        return "시점 t의 기울기는 xg.grad().select(1, t)이고, 그 (배치, 특징) 전체의 제곱합의 제곱근이 노름입니다. "
                + "축 0은 배치, 축 1이 시점입니다.";
    }

    private static double[] scaled(double[] v, double factor) {
        return Arrays.stream(v).map(e -> e * factor).toArray();
    }

    private static boolean agrees(double[] want, double[] got) {
        for (int t = 0; t < want.length; t++) {
            if (!(Math.abs(want[t] - got[t]) <= 1e-3 * Math.abs(want[t]) + 1e-12)) {
                return false;
            }
        }
        return true;
    }
}
