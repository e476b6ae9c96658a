package rnncourse.exercise.checks;

import rnncourse.exercise.Check;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.CrossEntropyLoss;
import rnncourse.optim.Adam;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

import java.util.List;
import java.util.Random;

/**
 * The checks of notebook 04 (문자 단위 RNN): cross entropy by hand (04-1), the loss floor that
 * tanh scores impose (04-2) and the score range that lowers the floor to a given loss (04-3).
 *
 * <p>The floor of 04-2 and 04-3 is measured here by optimisation ({@link #lowestLoss}), not by
 * the closed form the student writes, so that a formula passes only if it agrees with what an
 * optimiser can reach.
 */
public final class Checks04 {

    /** The exercises of notebook 04 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("04-1", "교차 엔트로피를 손으로", List.of(
                    "시점 n마다 소프트맥스 확률 p = e^{z_정답} / Σ_c e^{z_c}를 구하고 −log p를 더한 뒤, 시점 수로 나눕니다.",
                    "점수가 1000처럼 크면 Math.exp가 무한대가 됩니다. 행의 최댓값 m을 모든 점수에서 빼도 소프트맥스는 같습니다.",
                    "시점마다 −(z_정답 − m − log Σ_c e^{z_c − m})를 더하고, 마지막에 logits.length로 나누세요.")),
            new ExerciseInfo("04-2", "tanh 점수의 손실 바닥", List.of(
                    "손실이 가장 작으려면 정답 글자의 점수는 가능한 한 크게, 나머지는 가능한 한 작게 두어야 합니다. 범위는 [−1, 1]입니다.",
                    "정답 점수 1, 나머지 C − 1개의 점수 −1을 교차 엔트로피 −log(e¹ / (e¹ + (C−1)·e⁻¹))에 넣으세요.",
                    "분자와 분모를 e¹로 나누면 log(1 + (C−1)·e⁻²)가 됩니다.")),
            new ExerciseInfo("04-3", "바닥을 원하는 만큼 낮추는 점수 범위", List.of(
                    "04-2의 바닥에서 1과 −1 대신 s와 −s를 넣으면 바닥 = log(1 + (C−1)·e^(−2s))입니다.",
                    "이 값이 target과 같다고 놓고 양변에 exp를 취하면 (C−1)·e^(−2s) = e^target − 1입니다.",
                    "s = ½·log((C−1) / (e^target − 1))입니다."))
    );

    private Checks04() {
    }

    /** The student's 04-1: mean cross entropy of (N, C) scores against N class indices. */
    @FunctionalInterface
    public interface CrossEntropyByHand {
        /**
         * @param logits  N rows of C scores
         * @param targets N class indices in [0, C)
         * @return the mean over the rows of −log softmax(row)[target]
         */
        double crossEntropyByHand(double[][] logits, int[] targets) throws Exception;
    }

    /** The student's 04-2: the lowest cross entropy when all C scores lie in [−1, 1]. */
    @FunctionalInterface
    public interface LossFloor {
        /** @param classes the number of classes C ≥ 2 */
        double lossFloor(int classes) throws Exception;
    }

    /** The student's 04-3: the score range s whose floor is exactly {@code target}. */
    @FunctionalInterface
    public interface ScaleFor {
        /**
         * @param classes the number of classes C ≥ 2
         * @param target  the wanted floor, &gt; 0
         */
        double scaleFor(int classes, double target) throws Exception;
    }

    /**
     * 04-1 on five fresh cases: one row of two classes, three random ones whose numbers of rows
     * and classes differ, and one with scores near 1000 (where exp without the row maximum
     * taken out overflows). The reference is the library's {@link CrossEntropyLoss}.
     */
    public static ExerciseResult crossEntropyByHand(CrossEntropyByHand student) {
        return Exercise.check("04-1", "교차 엔트로피를 손으로", check -> {
            Random rng = new Random(0x0401_2440L);
            int[][] sizes = {{1, 2}, {3, 7}, {6, 4}, {9, 11}, {4, 6}};
            for (int trial = 0; trial < sizes.length; trial++) {
                int n = sizes[trial][0], classes = sizes[trial][1];
                boolean large = trial == sizes.length - 1;
                double[][] rows = new double[n][classes];
                int[] targets = new int[n];
                for (int r = 0; r < n; r++) {
                    double offset = large ? 900 + 200 * rng.nextDouble() : 0;
                    for (int c = 0; c < classes; c++) {
                        rows[r][c] = offset + 2 * rng.nextGaussian();
                    }
                    targets[r] = rng.nextInt(classes);
                }
                double expected = crossEntropy(rows, targets);
                double got = check.call(() -> student.crossEntropyByHand(copy(rows), targets.clone()));
                String what = "점수 " + n + "행 × 글자 " + classes + "개" + (large ? " (점수가 1000 근처)" : "")
                        + "의 평균 교차 엔트로피";
                check.close(what, expected, got, 1e-6, crossEntropyHint(rows, targets, expected, got, large));
            }
        });
    }

    /**
     * 04-2 on five numbers of classes the page never uses (2 among them), each compared with
     * the floor an optimiser reaches.
     */
    public static ExerciseResult lossFloor(LossFloor student) {
        return Exercise.check("04-2", "tanh 점수의 손실 바닥", check -> {
            for (int classes : new int[]{2, 3, 17, 64, 301}) {
                double expected = lowestLoss(classes, 1.0);
                double got = check.call(() -> student.lossFloor(classes));
                check.close("글자 " + classes + "개일 때의 바닥", expected, got, 1e-4, floorHint(classes, got));
            }
        });
    }

    /**
     * 04-3 on four fresh (C, target) pairs, with targets from 0.05 to 0.6 (where e^target − 1
     * and target differ; each below log C, the floor of s = 0): the student's s must be positive, and the floor an optimiser reaches
     * with scores in [−s, s] must be the target.
     */
    public static ExerciseResult scaleFor(ScaleFor student) {
        return Exercise.check("04-3", "바닥을 원하는 만큼 낮추는 점수 범위", check -> {
            Random rng = new Random(0x0403_2442L);
            int[] classesOf = {2, 9, 26, 130};
            double[] targets = {0.3 + 0.3 * rng.nextDouble(), 0.05 + 0.1 * rng.nextDouble(),
                    0.3 + 0.3 * rng.nextDouble(), 0.15 + 0.2 * rng.nextDouble()};
            for (int k = 0; k < classesOf.length; k++) {
                int classes = classesOf[k];
                double target = targets[k];
                double s = check.call(() -> student.scaleFor(classes, target));
                String what = String.format("글자 %d개, 목표 손실 %.4f", classes, target);
                if (!(s > 0 && s < 50)) {
                    check.that(what + "의 s", false, "0보다 크고 50보다 작은 s", String.valueOf(s),
                            s < 0 ? "s가 음수입니다. log 안의 분수가 뒤집히지 않았는지 보세요: 범위 [−s, s]의 s는 양수입니다."
                                    : s == 0 ? "s가 정확히 0입니다. Java에서 1 / 2는 정수 나눗셈이라 0이 됩니다. 0.5나 1.0 / 2를 쓰세요."
                                    : "s는 0보다 큰 유한한 수여야 합니다. 식을 다시 정리해 보세요.");
                    continue;
                }
                check.close(what + ": 여러분의 s로 잰 바닥", target, lowestLoss(classes, s), 1e-4,
                        scaleHint(classes, target, s));
            }
        });
    }

    /**
     * The lowest cross entropy of one C-class example (target class 0) whose scores are
     * {@code scale·tanh(u)}, found by optimising u with Adam; the same measurement as the
     * notebook's own {@code lowestLoss}.
     */
    static double lowestLoss(int classes, double scale) {
        Tensor u = Tensor.zeros(1, classes).requiresGrad_(true);
        // beta2 = 0.9: forget the large early gradients, so that steps stay long once tanh saturates
        Adam optimizer = new Adam(List.of(u), 0.5, 0.9, 0.9, 1e-8, 0);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Tensor target = Tensor.tensorLong(new int[]{0}, 1);
        double loss = Double.NaN;
        for (int step = 0; step < 300; step++) {
            optimizer.zeroGrad();
            Tensor l = criterion.forward(u.tanh().mul(scale), target);
            l.backward();
            optimizer.step();
            loss = l.item();
        }
        return loss;
    }

    private static double crossEntropy(double[][] rows, int[] targets) {
        double[] flat = new double[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[r].length, rows[r].length);
        }
        Tensor logits = Tensor.fromArray(flat, rows.length, rows[0].length);
        return new CrossEntropyLoss().forward(logits, Tensor.tensorLong(targets, targets.length)).item();
    }

    private static String crossEntropyHint(double[][] rows, int[] targets, double expected, double got, boolean large) {
        if (!Double.isFinite(got)) {
            return large ? "점수가 크면 Math.exp(z)가 무한대가 됩니다. 행마다 최댓값을 모든 점수에서 뺀 뒤 exp를 취하세요(소프트맥스 값은 같습니다)."
                    : "결과가 유한한 수가 아닙니다. log에 0이나 음수가 들어가지 않았는지 보세요.";
        }
        if (rows.length > 1 && near(got, expected * rows.length)) {
            return "시점마다의 −log p를 더하기만 했습니다. 합이 아니라 평균(시점 수로 나눈 값)입니다.";
        }
        double minusLogit = 0;
        for (int r = 0; r < rows.length; r++) {
            minusLogit -= rows[r][targets[r]] / rows.length;
        }
        if (near(got, minusLogit)) {
            return "정답 점수에 −를 붙였을 뿐입니다. 점수를 소프트맥스로 확률로 바꾼 뒤 그 확률의 −log를 취합니다.";
        }
        return "각 행(시점)의 점수 C개로 소프트맥스를 만들고, 그 행의 정답 번호 자리의 확률에 −log를 취해 평균하세요.";
    }

    private static String floorHint(int classes, double got) {
        if (near(got, Math.log(classes))) {
            return "log C는 모든 글자에 같은 확률을 주는(아무것도 모르는) 모델의 손실이지, 가장 낮은 손실이 아닙니다.";
        }
        if (near(got, Math.log(1 + (classes - 1) * Math.exp(-1)))) {
            return "틀린 글자의 점수를 0에 두었습니다. 점수는 −1까지 내려갈 수 있습니다.";
        }
        if (near(got, Math.log(1 + classes * Math.exp(-2)))) {
            return "틀린 글자는 C개가 아니라 C − 1개입니다(정답 글자 하나를 빼고).";
        }
        return "정답 점수 1, 나머지 C − 1개 점수 −1일 때의 교차 엔트로피 −log(e¹ / (e¹ + (C−1)·e⁻¹))를 정리해 보세요.";
    }

    private static String scaleHint(int classes, double target, double s) {
        double right = 0.5 * Math.log((classes - 1) / (Math.exp(target) - 1));
        if (near(s, 2 * right)) {
            return "정답 점수 s와 오답 점수 −s의 차이는 s가 아니라 2s입니다.";
        }
        if (near(s, 0.5 * Math.log((classes - 1) / target))) {
            return "바닥 = target을 풀 때 log(1 + x) = target에서 x = e^target − 1입니다. x = target은 target이 작을 때의 근사일 뿐입니다.";
        }
        return "바닥 = log(1 + (C−1)·e^(−2s))를 target과 같다고 놓고 s에 대해 푸세요.";
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
        }
        return out;
    }
}
