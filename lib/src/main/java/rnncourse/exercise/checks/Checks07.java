package rnncourse.exercise.checks;

import rnncourse.exercise.Check;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * The checks of notebook 07 (min-char-rnn, BPTT by hand): a central-difference numerical
 * gradient (07-1) and, with it, finding the one parameter whose hand-written gradient is wrong
 * (07-2).
 *
 * <p>07-2 runs on the check's own small min-char-rnn (7 characters, 9 hidden units, 8 steps),
 * not on the notebook's model, with a BPTT of its own into which one realistic bug is planted
 * per case. The cases are built so that the common shortcuts fail: hidden unit 0 and character
 * 0 are unused, so every parameter's element (0, 0) has a zero gradient both ways (one element
 * looked at tells nothing), yet character 0's column holds Wxh's largest weights (elements
 * chosen by |weight| tell nothing either); the output-bias bug leaves the characters that are
 * never a target right, and they hold by's largest weights; one case has tiny
 * hidden states under a large output layer, where the broken parameter's gradients are small
 * and a correct parameter's central difference carries a larger absolute error than the
 * broken one's (only the relative error picks the right one); and the order of the
 * parameters is shuffled.
 */
public final class Checks07 {

    /** The exercises of notebook 07 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("07-1", "중심 차분으로 구한 수치 기울기", List.of(
                    "원소 하나를 θ + h로 바꿔 손실을 재고, θ − h로 바꿔 한 번 더 잽니다. 두 값의 차이를 2h로 나누세요.",
                    "바꾸기 전에 old = param.get(row, col)로 원래 값을 보관하고, 두 번째에는 old − h를 넣으세요(θ + h에서 h를 빼면 θ로 돌아갈 뿐입니다).",
                    "마지막에 param.set(old, row, col)로 되돌린 뒤 (plus − minus) / (2 * h)를 돌려주세요.")),
            new ExerciseInfo("07-2", "고장 난 기울기 찾기", List.of(
                    "원소마다 수치 기울기와 손으로 구한 기울기를 비교합니다. 차이 |a − b|가 아니라 상대 오차 |a − b| / max(|a|, |b|)로 비교해야 크기가 다른 파라미터끼리 견줄 수 있습니다.",
                    "아무 원소나 고르면 기울기가 0인 원소(쓰이지 않는 글자, 쓰이지 않는 은닉 유닛)만 볼 수 있습니다. |handGrads.get(k)|가 큰 원소 몇 개를 고르세요.",
                    "파라미터 k마다 |기울기|가 가장 큰 원소 3개에서 numericalGradient(loss, params.get(k), r, c, 1e-5)와의 상대 오차를 구하고, 그 최댓값이 가장 큰 k의 names.get(k)를 돌려주세요."))
    );

    private Checks07() {
    }

    /** The student's 07-1. */
    @FunctionalInterface
    public interface NumericalGradient {
        /**
         * @param loss  the loss at the current parameter values
         * @param param a 2-D float64 tensor the loss reads
         * @param row   the element's row
         * @param col   the element's column
         * @param h     the step
         * @return (L(θ + h) − L(θ − h)) / 2h for the element, which must hold its old value again
         */
        double numericalGradient(DoubleSupplier loss, Tensor param, int row, int col, double h) throws Exception;
    }

    /** The student's 07-2. */
    @FunctionalInterface
    public interface BrokenParameter {
        /**
         * @param loss      the loss at the current parameter values
         * @param params    the parameters (2-D float64 tensors), which must hold their old values again
         * @param names     their names, in the same order
         * @param handGrads hand-written gradients, in the same order; exactly one is wrong
         * @return the name of the parameter whose gradient is wrong
         */
        String brokenParameter(DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> handGrads)
                throws Exception;
    }

    /**
     * 07-1 on two fresh losses: L = Σ c·tanh(w) + 0.3·(Σ w)² on a 5×4 tensor and
     * L = Σ c·sin(w) on a 3×7 one, at elements off the diagonal (so that swapped row and column
     * read another element), with h = 1e-4 and 1e-5, against the exact derivative; then, on the
     * sin loss, h = 0.1 against the central difference of that h itself (0.17 % off the
     * derivative, so that an answer with its own fixed h fails). After every call the tensor
     * must hold its old values again.
     */
    public static ExerciseResult numericalGradient(NumericalGradient student) {
        return Exercise.check("07-1", "중심 차분으로 구한 수치 기울기", check -> {
            Random rng = new Random(0x0701_7001L);
            for (int kind = 0; kind < 2; kind++) {
                int rows = kind == 0 ? 5 : 3, cols = kind == 0 ? 4 : 7;
                double[] w = gaussian(rng, rows * cols, 1.0), c = gaussian(rng, rows * cols, 1.0);
                Tensor param = Tensor.fromArray(w, rows, cols);
                boolean tanh = kind == 0;
                DoubleSupplier loss = () -> {
                    double[] v = param.toDoubleArray();
                    double sum = 0, total = 0;
                    for (int k = 0; k < v.length; k++) {
                        total += c[k] * (tanh ? Math.tanh(v[k]) : Math.sin(v[k]));
                        sum += v[k];
                    }
                    return tanh ? total + 0.3 * sum * sum : total;
                };
                double wSum = 0;
                for (double v : w) {
                    wSum += v;
                }
                int[][] at = kind == 0 ? new int[][]{{0, 2}, {2, 1}, {3, 0}, {1, 3}} : new int[][]{{1, 2}, {2, 0}, {0, 1}};
                for (int i = 0; i < at.length; i++) {
                    int r = at[i][0], col = at[i][1], k = r * cols + col;
                    double exact = tanh ? c[k] * (1 - Math.pow(Math.tanh(w[k]), 2)) + 0.6 * wSum : c[k] * Math.cos(w[k]);
                    double step = i % 2 == 0 ? 1e-4 : 1e-5;
                    double got = check.call(() -> student.numericalGradient(loss, param, r, col, step));
                    String what = (tanh ? "L = Σ c·tanh(w) + 0.3·(Σ w)², w는 5×4" : "L = Σ c·sin(w), w는 3×7")
                            + "; ∂L/∂w[" + r + ", " + col + "], h = " + (step == 1e-4 ? "1e-4" : "1e-5");
                    check.close(what, exact, got, 1e-7, numericHint(exact, got, step));
                    if (!restored(check, param, w)) {
                        return;
                    }
                }
                if (!tanh) {
                    // a large h, compared with the central difference itself: c·(sin(w+h) − sin(w−h)) / 2h
                    // = c·cos(w)·sin(h)/h, 0.17 % below the derivative, so an answer ignoring h fails
                    int r = 2, col = 1, k = r * cols + col;
                    double step = 0.1, exact = c[k] * Math.cos(w[k]);
                    double expected = exact * Math.sin(step) / step;
                    double got = check.call(() -> student.numericalGradient(loss, param, r, col, step));
                    check.close("L = Σ c·sin(w), w는 3×7; 큰 h = 0.1에서의 중심 차분 (미분값이 아니라 같은 h의 (L(θ+h) − L(θ−h)) / 2h와 비교), w["
                                    + r + ", " + col + "]", expected, got, 1e-9,
                            Math.abs(got - exact) < 1e-6 * Math.abs(exact)
                                    ? "결과가 h = 0.1의 중심 차분이 아니라 정확한 미분값에 가깝습니다. 인자로 받은 h 대신 고정된 h를 쓰지 않았는지 보세요."
                                    : numericHint(expected, got, step));
                    restored(check, param, w);
                }
            }
        });
    }

    /** Whether {@code param} holds {@code old} again, recorded as a comparison. */
    private static boolean restored(Check check, Tensor param, double[] old) {
        double[] now = param.toDoubleArray();
        return check.that("위 계산 뒤의 w (원래 값으로 돌아왔는지)", maxDiff(now, old) <= 1e-12,
                "모든 원소가 원래 값", "원소가 최대 " + String.format("%.3e", maxDiff(now, old)) + "만큼 바뀜",
                "원소를 바꾼 뒤 param.set(old, row, col)로 원래 값을 되돌리세요.");
    }

    /** The parameter names of the check's min-char-rnn, in the notebook's order. */
    static final List<String> NAMES = List.of("Wxh", "Whh", "Why", "bh", "by");

    /** One planted bug of a hand-written BPTT, on one parameter. */
    enum Bug {
        /** dWxh from dh: the tanh derivative forgotten. */
        WXH_NO_TANH_DERIVATIVE("Wxh"),
        /** dWhh from h_t where h_{t−1} belongs. */
        WHH_CURRENT_STATE("Whh"),
        /** dWhy from h_{t−1} where h_t belongs. */
        WHY_PREVIOUS_STATE("Why"),
        /** dbh from dh: the tanh derivative forgotten. */
        BH_NO_TANH_DERIVATIVE("bh"),
        /** dby from p, not p − 1(target): right only at characters that are never a target. */
        BY_NO_MINUS_ONE("by"),
        /** No bug. */
        NONE("");

        final String parameter;

        Bug(String parameter) {
            this.parameter = parameter;
        }
    }

    /** The size of the check's model: characters, hidden units, steps (all different). */
    static final int VOCAB = 7, HIDDEN = 9, STEPS = 8;

    /** A case of 07-2: the model, one chunk of text, the bug, and the order shown to the student. */
    record Case(double[][] weights, double[] h0, int[] inputs, int[] targets, Bug bug, List<Integer> order) {
    }

    /**
     * 07-2 on eight cases, one bug each (every parameter is broken in at least one case, Wxh, Why
     * and by in two), with the order of the parameters shuffled in all but the first. Afterwards every parameter must
     * hold its old values again.
     */
    public static ExerciseResult brokenParameter(BrokenParameter student) {
        return Exercise.check("07-2", "고장 난 기울기 찾기", check -> {
            List<Case> cases = cases();
            for (int n = 0; n < cases.size(); n++) {
                Case c = cases.get(n);
                List<Tensor> params = new ArrayList<>(), grads = new ArrayList<>();
                List<String> names = new ArrayList<>();
                double[][] right = bptt(c, Bug.NONE), wrong = bptt(c, c.bug());
                for (int k : c.order()) {
                    params.add(Tensor.fromArray(c.weights()[k], SHAPES[k]));
                    grads.add(Tensor.fromArray(NAMES.get(k).equals(c.bug().parameter) ? wrong[k] : right[k], SHAPES[k]));
                    names.add(NAMES.get(k));
                }
                List<Tensor> saved = params.stream().map(Tensor::copy).toList();
                DoubleSupplier loss = () -> {
                    double[][] w = new double[NAMES.size()][];
                    for (int i = 0; i < params.size(); i++) {
                        w[c.order().get(i)] = params.get(i).toDoubleArray();
                    }
                    return loss(w, c.h0(), c.inputs(), c.targets());
                };
                String got = check.call(() -> student.brokenParameter(loss, List.copyOf(params), List.copyOf(names),
                        List.copyOf(grads)));
                // the case is named by its number, never by its broken parameter (that is the answer)
                String what = "경우 " + (n + 1) + "/" + cases.size() + "에서 찾은 파라미터 (넘긴 순서 " + names + ")";
                check.equal(what, c.bug().parameter, got, brokenHint(c.bug(), n == TINY_STATES_CASE));
                for (int i = 0; i < params.size(); i++) {
                    if (!check.that("검사 뒤의 " + names.get(i) + " (원래 값으로 돌아왔는지)",
                            maxDiff(params.get(i).toDoubleArray(), saved.get(i).toDoubleArray()) <= 1e-12,
                            "모든 원소가 원래 값", "바뀐 원소가 있음",
                            "수치 기울기를 잰 뒤 원소를 원래 값으로 되돌리지 않았습니다.")) {
                        return;
                    }
                }
            }
        });
    }

    private static final int[][] SHAPES = {{HIDDEN, VOCAB}, {HIDDEN, HIDDEN}, {VOCAB, HIDDEN}, {HIDDEN, 1}, {VOCAB, 1}};

    /** The case of 07-2 where Why is broken under tiny hidden states and a large output layer. */
    static final int TINY_STATES_CASE = 2;

    /** The eight cases of 07-2, from a fixed seed. */
    static List<Case> cases() {
        Random rng = new Random(0x0702_7002L);
        Bug[] bugs = {Bug.WXH_NO_TANH_DERIVATIVE, Bug.WHH_CURRENT_STATE, Bug.WHY_PREVIOUS_STATE,
                Bug.BH_NO_TANH_DERIVATIVE, Bug.BY_NO_MINUS_ONE, Bug.WHY_PREVIOUS_STATE,
                Bug.BY_NO_MINUS_ONE, Bug.WXH_NO_TANH_DERIVATIVE};
        List<Case> cases = new ArrayList<>();
        for (int k = 0; k < bugs.length; k++) {
            boolean tinyStates = k == TINY_STATES_CASE;
            double[][] w = {
                    gaussian(rng, HIDDEN * VOCAB, tinyStates ? 1e-7 : 0.8),
                    gaussian(rng, HIDDEN * HIDDEN, tinyStates ? 0.01 : 0.3),
                    gaussian(rng, VOCAB * HIDDEN, tinyStates ? 50 : 0.8),
                    gaussian(rng, HIDDEN, tinyStates ? 0 : 0.1),
                    gaussian(rng, VOCAB, 0.1)};
            double[] h0 = gaussian(rng, HIDDEN, tinyStates ? 1e-7 : 0.5);
            // hidden unit 0 is never written nor read: its rows and columns have zero gradients
            for (int c = 0; c < VOCAB; c++) {
                w[0][c] = 0;
                w[2][c * HIDDEN] = 0;
            }
            for (int j = 0; j < HIDDEN; j++) {
                w[1][j] = 0;
                w[1][j * HIDDEN] = 0;
            }
            w[3][0] = 0;
            h0[0] = 0;
            // character 0 is never an input, yet its column holds Wxh's largest weights: elements
            // chosen by |weight| instead of |gradient| have zero gradients both ways
            for (int i = 1; i < HIDDEN; i++) {
                w[0][i * VOCAB] = i % 2 == 0 ? 3 : -3;
            }
            boolean byBug = bugs[k] == Bug.BY_NO_MINUS_ONE;
            if (byBug) {
                // the bug is only at target characters (3 to 6 here); characters 0 to 2 get by's
                // largest weights (negative, so that their small gradients stay below the targets')
                w[4][0] = -1.5;
                w[4][1] = -1.2;
                w[4][2] = -1.0;
            }
            // the last two cases have a sparse bug, against a few elements sampled at random: one
            // target character only (the by bug in 1 of 7 elements), one input character only
            // (the Wxh bug in one column)
            boolean oneTarget = k == 6, oneInput = k == 7;
            if (oneTarget) {
                w[4][5] = 0.5;   // the target's probability, and so its by gradient, the largest
            }
            int[] inputs = new int[STEPS], targets = new int[STEPS];
            for (int t = 0; t < STEPS; t++) {
                inputs[t] = oneInput ? 2 : 1 + rng.nextInt(VOCAB - 1);   // character 0 never occurs: column 0 of dWxh is zero
                // nor is it a target: element 0 of dby is right even with the by bug
                targets[t] = oneTarget ? 5 : byBug ? 3 + rng.nextInt(VOCAB - 3) : 1 + rng.nextInt(VOCAB - 1);
            }
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
            if (k > 0) {
                Collections.shuffle(order, rng);
            }
            cases.add(new Case(w, h0, inputs, targets, bugs[k], List.copyOf(order)));
        }
        return cases;
    }

    /** The loss Σ_t −log softmax(Why h_t + by)[target_t] of the min-char-rnn, in plain doubles. */
    static double loss(double[][] w, double[] h0, int[] inputs, int[] targets) {
        double total = 0;
        double[] h = h0.clone();
        for (int t = 0; t < inputs.length; t++) {
            h = step(w, h, inputs[t]);
            double[] p = softmax(w, h);
            total -= Math.log(p[targets[t]]);
        }
        return total;
    }

    /**
     * The gradients of {@link #loss} in the notebook's order, by backpropagation through time,
     * with {@code bug} planted ({@link Bug#NONE}: the right gradients).
     */
    static double[][] bptt(Case c, Bug bug) {
        double[][] w = c.weights();
        int steps = c.inputs().length;
        double[][] hs = new double[steps + 1][];
        double[][] ps = new double[steps][];
        hs[0] = c.h0();
        for (int t = 0; t < steps; t++) {
            hs[t + 1] = step(w, hs[t], c.inputs()[t]);
            ps[t] = softmax(w, hs[t + 1]);
        }
        double[] dWxh = new double[HIDDEN * VOCAB], dWhh = new double[HIDDEN * HIDDEN], dWhy = new double[VOCAB * HIDDEN];
        double[] dbh = new double[HIDDEN], dby = new double[VOCAB], dhnext = new double[HIDDEN];
        for (int t = steps - 1; t >= 0; t--) {
            double[] h = hs[t + 1], hPrev = hs[t];
            double[] dy = ps[t].clone();
            if (bug != Bug.BY_NO_MINUS_ONE) {
                dy[c.targets()[t]] -= 1;
            }
            double[] dyRight = ps[t].clone();
            dyRight[c.targets()[t]] -= 1;
            double[] hForWhy = bug == Bug.WHY_PREVIOUS_STATE ? hPrev : h;
            for (int v = 0; v < VOCAB; v++) {
                dby[v] += dy[v];
                for (int j = 0; j < HIDDEN; j++) {
                    dWhy[v * HIDDEN + j] += dyRight[v] * hForWhy[j];
                }
            }
            double[] dh = new double[HIDDEN], dhraw = new double[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                double s = dhnext[j];
                for (int v = 0; v < VOCAB; v++) {
                    s += w[2][v * HIDDEN + j] * dyRight[v];
                }
                dh[j] = s;
                dhraw[j] = (1 - h[j] * h[j]) * s;
            }
            double[] forWxh = bug == Bug.WXH_NO_TANH_DERIVATIVE ? dh : dhraw;
            double[] forBh = bug == Bug.BH_NO_TANH_DERIVATIVE ? dh : dhraw;
            double[] hForWhh = bug == Bug.WHH_CURRENT_STATE ? h : hPrev;
            int x = c.inputs()[t];
            for (int i = 0; i < HIDDEN; i++) {
                dbh[i] += forBh[i];
                dWxh[i * VOCAB + x] += forWxh[i];
                for (int j = 0; j < HIDDEN; j++) {
                    dWhh[i * HIDDEN + j] += dhraw[i] * hForWhh[j];
                }
            }
            double[] next = new double[HIDDEN];
            for (int j = 0; j < HIDDEN; j++) {
                for (int i = 0; i < HIDDEN; i++) {
                    next[j] += w[1][i * HIDDEN + j] * dhraw[i];
                }
            }
            dhnext = next;
        }
        return new double[][]{dWxh, dWhh, dWhy, dbh, dby};
    }

    private static double[] step(double[][] w, double[] hPrev, int input) {
        double[] h = new double[HIDDEN];
        for (int i = 0; i < HIDDEN; i++) {
            double a = w[0][i * VOCAB + input] + w[3][i];
            for (int j = 0; j < HIDDEN; j++) {
                a += w[1][i * HIDDEN + j] * hPrev[j];
            }
            h[i] = Math.tanh(a);
        }
        return h;
    }

    private static double[] softmax(double[][] w, double[] h) {
        double[] y = new double[VOCAB];
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < VOCAB; v++) {
            double s = w[4][v];
            for (int j = 0; j < HIDDEN; j++) {
                s += w[2][v * HIDDEN + j] * h[j];
            }
            y[v] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int v = 0; v < VOCAB; v++) {
            y[v] = Math.exp(y[v] - max);
            sum += y[v];
        }
        for (int v = 0; v < VOCAB; v++) {
            y[v] /= sum;
        }
        return y;
    }

    private static String numericHint(double exact, double got, double h) {
        if (Math.abs(got + exact) <= 1e-6 * Math.max(1, Math.abs(exact))) {
            return "부호가 반대입니다. (L(θ+h) − L(θ−h)) / 2h 순서로 빼세요.";
        }
        if (Math.abs(got - 2 * exact) <= 1e-6 * Math.max(1, Math.abs(exact))) {
            return "2h가 아니라 h로 나누었습니다. θ+h와 θ−h 사이의 거리는 2h입니다.";
        }
        if (Math.abs(got - exact * h * h) <= 1e-3 * Math.abs(exact * h * h)) {
            return "(plus − minus) / 2 * h는 2로 나눈 뒤 h를 곱합니다. (plus − minus) / (2 * h)처럼 괄호로 묶으세요.";
        }
        if (Math.abs(got - exact) < 1e-2 * Math.max(1, Math.abs(exact))) {
            return "가깝지만 오차가 h에 비례할 만큼 큽니다(한쪽 차분?). 중심 차분 (L(θ+h) − L(θ−h)) / 2h를 쓰고, θ−h는 원래 값 old에서 h를 뺀 값이어야 합니다.";
        }
        return "param.get(row, col)의 원소 하나만 ±h만큼 바꿔 loss.getAsDouble()을 두 번 부르세요. row와 col이 바뀌지 않았는지도 보세요.";
    }

    private static String brokenHint(Bug bug, boolean tinyStates) {
        if (tinyStates) {
            return "이 경우 고장 난 파라미터의 기울기는 작고 다른 파라미터의 기울기는 큽니다. 차이 |a − b|가 아니라 상대 오차 |a − b| / max(|a|, |b|)를 비교하세요.";
        }
        return switch (bug) {
            case BY_NO_MINUS_ONE -> "이 경우의 고장은 원소 몇 개에만 드러납니다. 원소 하나(예: [0, 0])나 값이 큰 원소만 보지 말고, |손으로 구한 기울기|가 큰 원소 몇 개를 보세요.";
            default -> "기울기가 0인 원소(쓰이지 않는 글자나 은닉 유닛)는 아무것도 알려 주지 않습니다. 파라미터 값이 아니라 |손으로 구한 기울기|가 큰 원소를 골라 상대 오차를 재세요. 파라미터의 순서는 매번 다르니 names.get(k)를 쓰세요.";
        };
    }

    private static double[] gaussian(Random rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * rng.nextGaussian();
        }
        return v;
    }

    private static double maxDiff(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
