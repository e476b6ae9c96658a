package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.LSTM;
import rnncourse.nn.Linear;
import rnncourse.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The checks of notebook 13 (LSTM MNIST): the classifier's parameter count by formula, the
 * accuracy with a band of image rows erased, and the band whose erasure hurts most.
 *
 * <p>13-2 and 13-3 take the model as a function from images (N, rows, columns) to logits
 * (N, classes), so the checks run on small images and linear models built here: no MNIST file,
 * no training, and rows ≠ columns ≠ 28 so that erasing columns, or assuming 28 rows, shows.
 */
public final class Checks13 {

    /** The exercises of notebook 13, in notebook order, with their hints. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("13-1", "파라미터 수를 식으로", List.of(
                    "LSTM 층 하나에는 weight_ih (4H, 층의 입력 크기), weight_hh (4H, H), bias_ih (4H), bias_hh (4H)가 있습니다. 마지막에 Linear(H, 클래스 수)의 가중치와 편향을 더합니다.",
                    "첫 층의 입력 크기는 inputSize이지만, 두 번째 층부터는 아래층의 출력 h를 받으므로 H입니다. 편향은 층마다 두 벌(8H)입니다.",
                    "층마다 4H·(층 == 0 ? inputSize : H) + 4H·H + 8H를 더하고, 끝에 H·numClasses + numClasses를 더하세요. 곱셈은 long으로 하세요.")),
            new ExerciseInfo("13-2", "행을 지운 이미지의 정확도", List.of(
                    "행은 이미지 텐서 (N, 행, 열)의 가운데 차원(1번)입니다. fromRow 이상 toRow 미만의 행을 0으로 만든 새 텐서를 모델에 넣습니다.",
                    "행마다 0 또는 1인 (행 수, 1) 모양의 마스크를 곱하면 브로드캐스트로 행 전체가 지워지고 원래 텐서는 그대로 남습니다. 행 수는 images.size(1)이지 28로 정해져 있지 않습니다.",
                    "logits = model.apply(images.mul(mask)); 예측은 logits.argmax(1)이고, 정확도는 (예측 == 레이블인 개수) / N입니다.")),
            new ExerciseInfo("13-3", "가장 중요한 행의 띠", List.of(
                    "시작 행 start마다 accuracyWithRowsMasked(model, images, labels, start, start + width)를 재고, 정확도가 가장 낮은(가장 많이 떨어진) 띠를 찾습니다.",
                    "시작 행은 0부터 images.size(1) - width까지(그 값도 포함)입니다. 돌려주는 것은 띠의 끝 행이 아니라 시작 행입니다.",
                    "정확도가 같은 띠가 여럿이면 시작 행이 가장 작은 것이므로, 더 낮을 때만(<) 최솟값을 바꾸세요(<=이면 마지막 것이 남습니다).")));

    private Checks13() {
    }

    /** The student's 13-1: the parameter count of LSTM(in, H, layers) + Linear(H, classes). */
    @FunctionalInterface
    public interface ClassifierParameters {
        /** @return the number of parameters, computed by formula */
        long apply(int inputSize, int hiddenSize, int numLayers, int numClasses) throws Exception;
    }

    /** The student's 13-2: accuracy with rows fromRow..toRow-1 set to 0. */
    @FunctionalInterface
    public interface AccuracyWithRowsMasked {
        /**
         * @param model  images (N, rows, columns) → logits (N, classes)
         * @param images (N, rows, columns), not to be changed
         * @param labels int64 (N)
         * @return the fraction of images whose argmax logit equals the label
         */
        double apply(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int fromRow, int toRow) throws Exception;
    }

    /** The student's 13-3: the start row of the width-row band whose erasure lowers accuracy most. */
    @FunctionalInterface
    public interface MostImportantBand {
        /** @return the smallest start row among the bands of lowest accuracy */
        int apply(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int width) throws Exception;
    }

    /**
     * 13-1: LSTM-plus-Linear classifiers of sizes the page never shows (one layer, three layers,
     * input ≠ hidden everywhere), compared with the modules' own {@code numParameters()}.
     *
     * @param student {@code (i, h, l, c) -> classifierParameters(i, h, l, c)}
     * @return the result box
     */
    public static ExerciseResult classifierParameters(ClassifierParameters student) {
        return Exercise.check("13-1", EXERCISES.get(0).title(), check -> {
            int[][] sizes = {{28, 128, 2, 10}, {3, 7, 1, 2}, {11, 5, 3, 4}, {6, 20, 2, 13}, {1, 2, 1, 1}};
            Random rng = new Random(1301);
            sizes[0] = new int[]{2 + rng.nextInt(30), 33 + rng.nextInt(30), 2, 3 + rng.nextInt(9)};  // not the page's model
            for (int[] s : sizes) {
                long expected = new LSTM(s[0], s[1], LSTM.options().numLayers(s[2]).batchFirst(true)).numParameters()
                        + new Linear(s[1], s[3]).numParameters();
                long got = check.call(() -> student.apply(s[0], s[1], s[2], s[3]));
                check.equal(String.format("LSTM(%d, %d, %d층) + Linear(%d, %d)의 파라미터 수", s[0], s[1], s[2], s[1], s[3]),
                        expected, got,
                        "편향이 층마다 두 벌(bias_ih, bias_hh: 4H씩)인지, 두 번째 층부터 입력 크기가 H인지, Linear의 편향도 셌는지 확인하세요.");
            }
        });
    }

    /**
     * 13-2: 70 images of 9 rows × 6 columns and a linear 4-class model; five bands (all rows,
     * none, the middle, the last two, one row); the accuracy must match to 1e-6 and the images
     * must be unchanged afterwards.
     *
     * @param student {@code (model, images, labels, from, to) -> accuracyWithRowsMasked(model, images, labels, from, to)}
     * @return the result box
     */
    public static ExerciseResult accuracyWithRowsMasked(AccuracyWithRowsMasked student) {
        return Exercise.check("13-2", EXERCISES.get(1).title(), check -> {
            Task task = Task.dense(1302, 70, 9, 6, 4);
            float[] before = task.images().toFloatArray();
            int[][] bands = {{0, 9}, {0, 0}, {3, 6}, {7, 9}, {4, 5}};
            for (int[] band : bands) {
                double expected = task.accuracyWithRowsMasked(band[0], band[1]);
                double got = check.call(() -> student.apply(task.model(), task.images(), task.labels(), band[0], band[1]));
                String erased = band[0] == band[1] ? "지운 행이 없는 (fromRow = toRow = " + band[0] + ")"
                        : String.format("행 %d..%d를 지운", band[0], band[1] - 1);
                check.close(String.format("%s 이미지 %d장 (%d행 × %d열)의 정확도", erased, task.size(), task.rows(),
                        task.columns()), expected, got, 1e-6,
                        "행은 (N, 행, 열)의 가운데 차원입니다(열이 아니라). fromRow는 지우고 toRow는 지우지 않습니다. "
                                + "정확도는 argmax(1)이 레이블과 같은 이미지의 비율입니다.");
            }
            check.that("원래 이미지 텐서가 그대로인가", Arrays.equals(before, task.images().toFloatArray()), "바뀌지 않음", "바뀜",
                    "원래 텐서의 원소를 고치지(set, fill_) 말고, 마스크를 곱해 새 텐서를 만드세요.");
        });
    }

    /**
     * 13-3: five cases. A model that reads one row only, so that the three bands covering it
     * tie (the smallest start is right; {@code <=} or the end row is wrong); 31 rows with the
     * important rows at the bottom (the last band is right: a loop to 28 − width or one short
     * misses it); graded row weights with width 1 (a unique lowest band, far from the highest);
     * a model that reads the top two rows, width 2 (the answer is start 0: a scan from 1 misses
     * it); and width equal to the rows (start 0 only).
     *
     * @param student {@code (model, images, labels, width) -> mostImportantBand(model, images, labels, width)}
     * @return the result box
     */
    public static ExerciseResult mostImportantBand(MostImportantBand student) {
        return Exercise.check("13-3", EXERCISES.get(2).title(), check -> {
            record Case(String name, Task task, int width) {
            }
            List<Case> cases = List.of(
                    new Case("한 행(4행)만 보는 모델, 10행, 폭 3", Task.rows(1303, 60, 10, 5, 3, new double[]{0, 0, 0, 0, 1, 0, 0, 0, 0, 0}), 3),
                    new Case("아래 세 행만 보는 모델, 31행, 폭 3", Task.rows(1304, 60, 31, 4, 3, bottomRows(31, 3)), 3),
                    new Case("행마다 무게가 다른 모델, 8행, 폭 1", Task.rows(1305, 80, 8, 5, 4, new double[]{0.1, 0.3, 0.6, 1, 3, 0.8, 0.4, 0.2}), 1),
                    // the answer is start 0, so a scan from start 1 fails (the cases above all answer > 0)
                    new Case("맨 위 두 행만 보는 모델, 9행, 폭 2", Task.rows(1307, 60, 9, 4, 3, new double[]{1, 1, 0, 0, 0, 0, 0, 0, 0}), 2),
                    new Case("폭 = 행 수, 7행", Task.dense(1306, 40, 7, 5, 3), 7));
            for (Case c : cases) {
                Task task = c.task();
                int bands = task.rows() - c.width() + 1;
                int expected = 0;
                double lowest = Double.POSITIVE_INFINITY;
                for (int start = 0; start < bands; start++) {
                    double acc = task.accuracyWithRowsMasked(start, start + c.width());
                    if (acc < lowest) {
                        lowest = acc;
                        expected = start;
                    }
                }
                int got = check.call(() -> student.apply(task.model(), task.images(), task.labels(), c.width()));
                check.equal("가장 중요한 띠의 시작 행 (" + c.name() + ")", expected, got,
                        "정확도가 가장 낮아지는 띠(가장 높은 것이 아니라)의 시작 행(끝 행이 아니라)입니다. 시작 행은 0..행 수 − width(포함)이고, "
                                + "정확도가 같으면 시작 행이 작은 쪽입니다.");
            }
        });
    }

    private static double[] bottomRows(int rows, int count) {
        double[] weights = new double[rows];
        for (int r = rows - count; r < rows; r++) {
            weights[r] = 1;
        }
        return weights;
    }

    /**
     * Images, labels and a linear model over the pixels, made for one check. The labels are the
     * model's own predictions on the whole images with every fifth one moved to another class,
     * so that the full accuracy is about 80 % and erasing rows the model reads lowers it.
     */
    private record Task(Tensor images, Tensor labels, Tensor weight) {

        /** A model that reads every pixel with random weights. */
        static Task dense(long seed, int n, int rows, int columns, int classes) {
            double[] all = new double[rows];
            Arrays.fill(all, 1);
            return rows(seed, n, rows, columns, classes, all);
        }

        /** A model whose weights in row r are scaled by rowWeights[r] (0: the row is ignored). */
        static Task rows(long seed, int n, int rows, int columns, int classes, double[] rowWeights) {
            Random rng = new Random(seed);
            double[] w = new double[rows * columns * classes];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < columns * classes; k++) {
                    w[r * columns * classes + k] = rowWeights[r] * rng.nextGaussian();
                }
            }
            Tensor weight = Tensor.fromArray(w, rows * columns, classes).toFloat();
            double[] pixels = new double[n * rows * columns];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = rng.nextDouble();
            }
            Tensor images = Tensor.fromArray(pixels, n, rows, columns).toFloat();
            int[] predicted = logits(weight, images).argmax(1).toIntArray();
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 5 == 4 ? (predicted[i] + 1 + rng.nextInt(classes - 1)) % classes : predicted[i];
            }
            return new Task(images, Tensor.tensorLong(labels), weight);
        }

        static Tensor logits(Tensor weight, Tensor images) {
            return images.reshape(images.size(0), images.size(1) * images.size(2)).matmul(weight);
        }

        Function<Tensor, Tensor> model() {
            return x -> logits(weight, x);
        }

        int size() {
            return images.size(0);
        }

        int rows() {
            return images.size(1);
        }

        int columns() {
            return images.size(2);
        }

        double accuracyWithRowsMasked(int fromRow, int toRow) {
            double[] keep = new double[rows()];
            for (int r = 0; r < keep.length; r++) {
                keep[r] = r >= fromRow && r < toRow ? 0 : 1;
            }
            Tensor masked = images.mul(Tensor.tensor(keep).toFloat().view(rows(), 1));
            int[] predicted = logits(weight, masked).argmax(1).toIntArray();
            int[] y = labels.toIntArray();
            int correct = 0;
            for (int i = 0; i < y.length; i++) {
                correct += predicted[i] == y[i] ? 1 : 0;
            }
            return (double) correct / y.length;
        }
    }
}
