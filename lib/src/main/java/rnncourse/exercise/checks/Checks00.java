package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The hidden checks of notebook 00 (시작하기): the broadcast shape of two tensors, and the
 * derivative of the sigmoid written by hand.
 */
public final class Checks00 {

    private static final String BROADCAST_TITLE = "브로드캐스팅 결과의 모양";
    private static final String SLOPE_TITLE = "시그모이드의 도함수";

    /** The exercises of notebook 00 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("00-1", BROADCAST_TITLE, List.of(
                    "두 모양을 왼쪽(첫 축)이 아니라 오른쪽 끝(마지막 축)부터 맞춰 세워 보세요. 3절의 (2, 3) + (3)에서는 3과 3이 맞섰습니다.",
                    "결과의 축 수는 두 모양 중 긴 쪽의 축 수입니다. 짧은 쪽에 모자란 앞쪽 축은 크기 1로 봅니다. 크기 1인 축은 어느 쪽에 있든 상대 크기로 늘어납니다.",
                    "결과의 i번 축(0부터)에 맞서는 것은 a[i − (n − a.length)]와 b[i − (n − b.length)]이고(n은 긴 쪽의 축 수, 음수 위치는 1), 결과는 둘 중 큰 값입니다.")),
            new ExerciseInfo("00-2", SLOPE_TITLE, List.of(
                    "σ(x) = 1 / (1 + e^(−x))를 몫의 미분법이나 연쇄 법칙으로 미분해 보세요. 분모가 제곱으로 나옵니다.",
                    "e^(−x) / (1 + e^(−x))²을 σ(x)로 나타낼 수 있습니다. e^(−x) / (1 + e^(−x)) = 1 − σ(x)임을 이용하세요.",
                    "σ'(x) = σ(x)·(1 − σ(x))입니다. tanh의 1 − tanh²와 헷갈리지 마세요.")));

    /** Student code of 00-1. */
    @FunctionalInterface
    public interface BroadcastShape {
        /** @return the shape of {@code a.add(b)} for tensors of shapes a and b */
        int[] broadcastShape(int[] a, int[] b) throws Exception;
    }

    /** Student code of 00-2. */
    @FunctionalInterface
    public interface SigmoidSlope {
        /** @return dσ/dx at x */
        double sigmoidSlope(double x) throws Exception;
    }

    private Checks00() {
    }

    /**
     * 00-1: fixed pairs that tell right from left alignment and from "the longer shape wins"
     * (a size-1 axis on either side, a rank-1 shape of size 1, equal ranks, rank 4), then random
     * pairs of ranks 1 to 4 (seed 2400). The expected shape is what the library's broadcasting
     * gives for {@code Tensor.zeros(a).add(Tensor.zeros(b))}.
     */
    public static ExerciseResult broadcastShape(BroadcastShape student) {
        return Exercise.check("00-1", BROADCAST_TITLE, check -> {
            List<int[][]> pairs = new ArrayList<>(List.of(
                    new int[][]{{5, 1, 3}, {2, 1}},
                    new int[][]{{4, 1}, {3, 1, 6}},
                    new int[][]{{1}, {2, 7}},
                    new int[][]{{6, 1, 2, 1}, {5, 1, 3}},
                    new int[][]{{1, 4}, {3, 1}},
                    new int[][]{{1}, {1}}));
            Random rng = new Random(2400);
            for (int trial = 0; trial < 6; trial++) {
                pairs.add(randomPair(rng));
            }
            for (int[][] pair : pairs) {
                int[] a = pair[0], b = pair[1];
                int[] expected = Tensor.zeros(a).add(Tensor.zeros(b)).shapeArray();
                int[] got = check.call(() -> student.broadcastShape(a.clone(), b.clone()));
                check.equal("모양 " + Arrays.toString(a) + "와 " + Arrays.toString(b) + "를 더한 결과의 모양", expected, got,
                        hintFor(a, b));
            }
        });
    }

    /** Two broadcastable shapes of ranks 1 to 4 whose ranks usually differ. */
    private static int[][] randomPair(Random rng) {
        int rank = 1 + rng.nextInt(4);
        int[] full = new int[rank];
        for (int d = 0; d < rank; d++) {
            full[d] = 2 + rng.nextInt(5);
        }
        int rankA = 1 + rng.nextInt(rank), rankB = rank;
        if (rng.nextBoolean()) {
            int swap = rankA;
            rankA = rankB;
            rankB = swap;
        }
        int[] a = new int[rankA], b = new int[rankB];
        for (int d = 0; d < rankA; d++) {
            a[d] = rng.nextInt(3) == 0 ? 1 : full[rank - rankA + d];
        }
        for (int d = 0; d < rankB; d++) {
            b[d] = rng.nextInt(3) == 0 ? 1 : full[rank - rankB + d];
        }
        return new int[][]{a, b};
    }

    private static String hintFor(int[] a, int[] b) {
        return a.length == b.length
                ? "축 수가 같으면 축마다 맞서는 두 크기 중 1이 아닌 쪽(둘이 같으면 그 크기)이 결과입니다. 크기 1은 어느 쪽에 있어도 늘어납니다."
                : "축 수가 다르면 짧은 쪽을 오른쪽 끝에 붙여 맞추고, 모자란 앞쪽 축은 크기 1로 봅니다.";
    }

    /**
     * 00-2: x = 0 (where tanh's slope 1 − σ² and σ' differ most plainly), both signs, points far
     * out where the slope is below 10⁻⁴ (so an answer that is merely small does not pass under
     * the tolerance), and random points in [−6, 6] (seed 2401). The expected slope is the
     * library's float64 autograd of {@code sigmoid()}; tolerance 10⁻⁹.
     */
    public static ExerciseResult sigmoidSlope(SigmoidSlope student) {
        return Exercise.check("00-2", SLOPE_TITLE, check -> {
            List<Double> points = new ArrayList<>(List.of(0.0, 1.7, -2.9, 9.5, -11.0));
            Random rng = new Random(2401);
            for (int trial = 0; trial < 5; trial++) {
                points.add(-6 + 12 * rng.nextDouble());
            }
            for (double point : points) {
                Tensor t = Tensor.fromArray(new double[]{point}).requiresGrad_(true);   // float64: the point exactly
                t.sigmoid().sum().backward();
                double expected = t.grad().item();
                double got = check.call(() -> student.sigmoidSlope(point));
                check.close(String.format("x = %.3f 에서 dσ/dx", point), expected, got, 1e-9 + 1e-7 * Math.abs(expected),
                        "몫의 미분으로 e^(−x) / (1 + e^(−x))²을 얻은 뒤 σ(x)로 바꿔 보세요 (tanh의 1 − tanh²와는 다릅니다).");
            }
        });
    }
}
