package rnncourse.exercise.checks;

import rnncourse.data.Windows;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.tensor.Tensor;

import java.util.List;
import java.util.Random;

/**
 * The checks of notebook 05 (긴 시퀀스): the number of shifted windows of a text (05-1) and the
 * accuracy at each position of a window (05-2).
 */
public final class Checks05 {

    /** The exercises of notebook 05 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("05-1", "창의 개수", List.of(
                    "창이 시작할 수 있는 자리를 세어 보세요. 입력 창 window글자 뒤에 정답용으로 한 글자가 더 있어야 합니다.",
                    "시작 자리 i의 창은 입력 text[i, i+window)와 정답 text[i+1, i+window+1)을 씁니다. i + window ≤ textLength − 1이어야 합니다.",
                    "i = 0, 1, …, textLength − window − 1이므로 textLength − window개입니다.")),
            new ExerciseInfo("05-2", "자리별 정확도", List.of(
                    "결과 배열의 길이는 창의 수가 아니라 창의 길이(predicted.size(1))입니다. 자리 j마다 하나의 비율입니다.",
                    "자리 j에서 predicted.get(i, j) == targets.get(i, j)인 창 i의 개수를 세세요.",
                    "센 개수를 창의 수 predicted.size(0)로 나누세요(정수 나눗셈이 되지 않게 double로)."))
    );

    private Checks05() {
    }

    /** The student's 05-1. */
    @FunctionalInterface
    public interface WindowCount {
        /**
         * @param textLength the length of the text
         * @param window     the window length, 1 ≤ window &lt; textLength
         * @return how many (input, target) pairs {@link Windows#shifted} makes
         */
        int windowCount(int textLength, int window) throws Exception;
    }

    /** The student's 05-2. */
    @FunctionalInterface
    public interface AccuracyByPosition {
        /**
         * @param predicted (windows, length) int64 class indices
         * @param targets   (windows, length) int64 class indices
         * @return for each position j, the share of windows i with predicted[i][j] == targets[i][j]
         */
        double[] accuracyByPosition(Tensor predicted, Tensor targets) throws Exception;
    }

    /**
     * 05-1 against {@link Windows#shifted} run on fresh random texts: six random (length,
     * window) pairs and the edges window = 1 and window = length − 1.
     */
    public static ExerciseResult windowCount(WindowCount student) {
        return Exercise.check("05-1", "창의 개수", check -> {
            Random rng = new Random(0x0501_2450L);
            int[][] cases = new int[8][];
            for (int k = 0; k < 6; k++) {
                int length = 13 + rng.nextInt(90);
                cases[k] = new int[]{length, 2 + rng.nextInt(11)};
            }
            cases[6] = new int[]{23, 1};
            cases[7] = new int[]{31, 30};
            for (int[] c : cases) {
                int length = c[0], window = c[1];
                StringBuilder text = new StringBuilder();
                for (int k = 0; k < length; k++) {
                    text.append((char) ('a' + rng.nextInt(26)));
                }
                int expected = Windows.shifted(text.toString(), window).size();
                int got = check.call(() -> student.windowCount(length, window));
                String hint = got == expected + 1 ? "하나 많습니다. 마지막 창의 정답은 창 끝 다음 글자까지 씁니다."
                        : got == expected - 1 ? "하나 모자랍니다. 시작 자리 0부터 세었는지 보세요."
                        : "창은 한 글자씩 밀립니다(겹쳐도 됩니다). 시작할 수 있는 자리를 세어 보세요.";
                check.equal("길이 " + length + "의 글, 창 " + window, expected, got, hint);
            }
        });
    }

    /**
     * 05-2 on fresh fake predictions whose numbers of windows and positions differ in every
     * case, with a different accuracy at each position; also one window only, a window of
     * length 1, all right and none right.
     */
    public static ExerciseResult accuracyByPosition(AccuracyByPosition student) {
        return Exercise.check("05-2", "자리별 정확도", check -> {
            Random rng = new Random(0x0502_2451L);
            int[][] shapes = {{17, 6}, {5, 9}, {1, 4}, {12, 1}, {8, 3}, {7, 5}};
            for (int k = 0; k < shapes.length; k++) {
                int windows = shapes[k][0], length = shapes[k][1];
                int[] pred = new int[windows * length], truth = new int[windows * length];
                for (int i = 0; i < windows; i++) {
                    for (int j = 0; j < length; j++) {
                        int at = i * length + j;
                        truth[at] = rng.nextInt(5);
                        // position j is right with a chance growing with j, as in a trained model
                        double right = k == 4 ? 1 : k == 5 ? 0 : (j + 1.0) / (length + 1);
                        pred[at] = rng.nextDouble() < right ? truth[at] : (truth[at] + 1 + rng.nextInt(4)) % 5;
                    }
                }
                double[] expected = new double[length];
                for (int at = 0; at < pred.length; at++) {
                    if (pred[at] == truth[at]) {
                        expected[at % length] += 1;
                    }
                }
                for (int j = 0; j < length; j++) {
                    expected[j] /= windows;
                }
                double[] got = check.call(() -> student.accuracyByPosition(
                        Tensor.tensorLong(pred, windows, length), Tensor.tensorLong(truth, windows, length)));
                String what = "창 " + windows + "개 × 길이 " + length + (k == 4 ? " (모두 맞힘)" : k == 5 ? " (모두 틀림)" : "")
                        + "의 자리별 정확도";
                if (got == null || got.length != length) {
                    check.that(what, false, "길이 " + length + "인 배열 (자리마다 하나)",
                            got == null ? "null" : "길이 " + got.length + "인 배열",
                            "창(행)마다가 아니라 창 안의 자리(열)마다 하나의 비율을 돌려주세요.");
                    continue;
                }
                // 1e-6, not tighter: a float32 count or tensor gives ~1e-8; the shares differ by ≥ 1/17
                check.close(what, Tensor.fromArray(expected), Tensor.fromArray(got), 1e-6,
                        accuracyHint(expected, got, windows));
            }
        });
    }

    private static String accuracyHint(double[] expected, double[] got, int windows) {
        boolean counts = true;
        for (int j = 0; j < expected.length; j++) {
            counts &= Math.abs(got[j] - expected[j] * windows) < 1e-6;
        }
        if (counts) {
            return "맞힌 창의 개수를 셌습니다. 창의 수로 나눠 비율로 만드세요.";
        }
        return "자리 j마다, predicted와 targets가 같은 창의 비율입니다. 행(창)과 열(자리)을 바꿔 쓰지 않았는지 보세요.";
    }
}
