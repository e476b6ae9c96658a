package rnncourse.exercise.checks;

import rnncourse.data.MinMaxScaler;
import rnncourse.data.Split;
import rnncourse.data.Tables;
import rnncourse.data.Windows;
import rnncourse.exercise.Check;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.tensor.Tensor;

import java.util.List;
import java.util.Random;

/**
 * The checks of notebook 10 (stock prices): the share of days whose direction a forecast got
 * right (10-1), and a forecaster that predicts the change from the window's last close (10-2).
 */
public final class Checks10 {

    private static final ExerciseInfo DIRECTION = new ExerciseInfo("10-1", "오르내림을 맞힌 비율", List.of(
            "값 자체를 비교하는 것이 아닙니다. 날마다 '예측이 마지막 날보다 높은가'와 '실제가 마지막 날보다 높은가'를 각각 구해 둘이 같은지 봅니다.",
            "'오른다'는 다음 날 값 > 마지막 날 값입니다. 같으면 오르지 않은 것입니다 (>= 가 아니라 >). 세 텐서는 toDoubleArray()로 꺼내면 편합니다.",
            "for (i) if ((p[i] > l[i]) == (t[i] > l[i])) same++; 그리고 개수가 아니라 비율 same / N을 double로 돌려주세요."));

    private static final ExerciseInfo CHANGE_FORECAST = new ExerciseInfo("10-2", "변화량 예측으로 '내일 = 오늘'과 겨루기", List.of(
            "창의 마지막 날 종가는 x.select(1, 6).select(1, 4).unsqueeze(1) (N, 1)입니다. 목표는 train.y()에서 이것을 뺀 변화량이고, 10을 곱해 학습하면 수월합니다.",
            "예측은 testX의 마지막 날 종가 + 모델의 출력 / 10입니다. train의 앞 80%로 학습하고 뒤 20%로 매 갱신 검증 오차를 재서, 가장 낮았던 때의 예측을 기억해 두세요.",
            "검증 오차의 출발점은 Δ̂ = 0(곧 기준선)의 검증 오차 valY.pow(2).mean()이고, 돌려줄 값의 출발점도 testLast입니다. 그보다 낮은 검증 오차가 나올 때만 예측을 바꿉니다."));

    /** The exercises of notebook 10, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(DIRECTION, CHANGE_FORECAST);

    /** Days per window, as in the notebook. */
    private static final int WINDOW = 7;
    /** The close's column in (Open, High, Low, Volume, Close). */
    private static final int CLOSE = 4;
    /**
     * On the synthetic series the change is predictable from the window, so a forecaster must
     * clearly beat "tomorrow = today"; the reference solution reaches about half of its RMSE.
     */
    private static final double SYNTHETIC_BAR = 0.75;
    /** On the real prices, where the change is mostly noise, it must not do much worse. */
    private static final double STOCK_BAR = 1.1;

    private Checks10() {
    }

    /** The student's {@code directionAccuracy(last, predicted, truth)}. */
    @FunctionalInterface
    public interface DirectionAccuracy {
        /**
         * @return the share of rows where (predicted &gt; last) == (truth &gt; last)
         * @throws Exception whatever the student's code throws
         */
        double apply(Tensor last, Tensor predicted, Tensor truth) throws Exception;
    }

    /** The student's {@code forecastViaChange(train, testX)}. */
    @FunctionalInterface
    public interface ChangeForecast {
        /**
         * @param train windows x (N, 7, 5) and next-day closes y (N, 1) to learn from
         * @param testX windows (M, 7, 5) to forecast, without their targets
         * @return the next-day closes forecast for testX, (M, 1)
         * @throws Exception whatever the student's code throws
         */
        Tensor apply(Windows.Pair train, Tensor testX) throws Exception;
    }

    /**
     * 10-1: four seeded cases the page never shows: 40 days with ties (forecasts and truths equal
     * to the last close, which count as "not up"), one day, 7 days where every forecast goes up,
     * and 25 days of which none is tied.
     */
    public static ExerciseResult directionAccuracy(DirectionAccuracy student) {
        return Exercise.check(DIRECTION.id(), DIRECTION.title(), check -> {
            Random rng = new Random(100_011);
            int[][] cases = {{40, 1}, {1, 0}, {7, 2}, {25, 0}};   // days, kind: 0 plain, 1 with ties, 2 always up
            for (int[] c : cases) {
                int n = c[0];
                double[] l = new double[n], p = new double[n], t = new double[n];
                for (int i = 0; i < n; i++) {
                    l[i] = Math.round(rng.nextDouble() * 1000) / 1000.0;
                    p[i] = l[i] + (c[1] == 2 ? 0.01 + Math.abs(rng.nextGaussian()) * 0.1 : rng.nextGaussian() * 0.1);
                    t[i] = l[i] + rng.nextGaussian() * 0.1;
                    if (c[1] == 1 && i % 5 == 0) {
                        p[i] = l[i];               // a forecast of "no change": not up
                    }
                    if (c[1] == 1 && i % 7 == 3) {
                        t[i] = l[i];               // a day that did not move: not up
                    }
                }
                Tensor last = column(l), predicted = column(p), truth = column(t);
                l = last.toDoubleArray();          // the float32 values the student reads
                p = predicted.toDoubleArray();
                t = truth.toDoubleArray();
                int same = 0;
                for (int i = 0; i < n; i++) {
                    same += (p[i] > l[i]) == (t[i] > l[i]) ? 1 : 0;
                }
                double expected = (double) same / n;
                double[] lv = l, pv = p, tv = t;
                double got = check.call(() -> student.apply(last, predicted, truth));
                String what = n + "일" + (c[1] == 1 ? " (같은 값 포함)" : c[1] == 2 ? " (예측이 모두 오름)" : "") + "의 비율";
                if (!check.close(what, expected, got, 1e-12, directionHint(lv, pv, tv, got))) {
                    return;
                }
            }
        });
    }

    private static Tensor column(double[] values) {
        return Tensor.tensor(values).view(values.length, 1);
    }

    private static String directionHint(double[] l, double[] p, double[] t, double got) {
        int n = l.length, same = 0, sameOrEqual = 0, above = 0;
        for (int i = 0; i < n; i++) {
            same += (p[i] > l[i]) == (t[i] > l[i]) ? 1 : 0;
            sameOrEqual += (p[i] >= l[i]) == (t[i] >= l[i]) ? 1 : 0;
            above += p[i] > t[i] ? 1 : 0;
        }
        if (got == same && n > 1) {
            return "맞힌 날의 수를 돌려주었습니다. 비율(같은 날의 수 / 날의 수)을 double로 돌려주세요.";
        }
        if (Math.abs(got - (double) sameOrEqual / n) < 1e-12) {
            return "마지막 날과 같은 값을 '오름'으로 셌습니다. '오른다'는 다음 날 값 > 마지막 날 값이고, 같으면 오르지 않은 것입니다.";
        }
        if (Math.abs(got - (double) above / n) < 1e-12) {
            return "예측과 실제의 값을 서로 비교했습니다. 각각을 마지막 날 값과 비교한 방향(오름/오르지 않음)이 같은지 보세요.";
        }
        if (got < 0 || got > 1) {
            return "비율은 0과 1 사이입니다.";
        }
        return "날마다 (predicted[i] > last[i]) == (truth[i] > last[i])인지 보고, 그런 날의 비율을 돌려주세요.";
    }

    /**
     * 10-2: the student's function gets training windows with their targets and test windows
     * without theirs; the check computes the errors. Two series:
     * <ol>
     *   <li>a synthetic series the page never shows, a 16-day cycle with noise, where tomorrow's
     *       change follows from the window: the forecast's RMSE must be at most
     *       {@value #SYNTHETIC_BAR} of "tomorrow = today"'s, which that baseline itself (1.0)
     *       and a forecast whose change is not added back, or is left scaled, fail;</li>
     *   <li>the notebook's stock prices split 60/40 (the notebook uses 70/30), where the change is
     *       mostly noise: the RMSE must stay within {@value #STOCK_BAR} of the baseline's, which a
     *       model that learned the training period's noise misses.</li>
     * </ol>
     * The test windows are every eighth one ({@link #disjoint}), so that no test window holds
     * another's target day.
     */
    public static ExerciseResult forecastViaChange(ChangeForecast student) {
        return Exercise.check(CHANGE_FORECAST.id(), CHANGE_FORECAST.title(), check -> {
            // 294 days to train on, then 406 test days: thinned to one window in WINDOW + 1, about 50
            // windows
            Tensor series = cycleSeries(new Random(100_021), 700);
            int trainDays = 294;
            var split = new Split.Parts(series.slice(0, 0, trainDays).contiguous(),
                    series.slice(0, trainDays - WINDOW, series.size(0)).contiguous());
            if (!scored(check, student, split, 100_022, "주기가 있는 합성 시계열", SYNTHETIC_BAR)) {
                return;
            }
            scored(check, student, Split.sequential(Tables.toTensor(Tables.stockPrices()), 0.6, WINDOW), 100_023,
                    "노트북의 주가, 60/40 분할", STOCK_BAR);
        });
    }

    /** Runs the student's forecaster on one split and compares its RMSE with the baseline's. */
    private static boolean scored(Check check, ChangeForecast student, Split.Parts split, long seed, String data,
                                  double bar) {
        var scaler = new MinMaxScaler().fit(split.train());
        var train = Windows.make(scaler.transform(split.train()), WINDOW, -1);
        var test = disjoint(Windows.make(scaler.transform(split.test()), WINDOW, -1));
        Tensor last = lastClose(test.x());
        Tensor truth = test.y();
        Tensor testX = test.x().copy();
        Tensor.manualSeed(seed);
        Tensor pred = check.call(() -> student.apply(new Windows.Pair(train.x().copy(), train.y().copy()), testX));
        if (!check.shape("예측의 모양 (" + data + ")", new int[]{test.size(), 1}, pred,
                "testX의 창마다 다음 날 종가 하나: (testX.size(0), 1)입니다. 노트북의 testW가 아니라 인자로 받은 testX를 예측하세요.")) {
            return false;
        }
        double rmse = rmse(pred, truth), naive = rmse(last, truth);
        String result = Double.isFinite(rmse)
                ? String.format("RMSE = 기준선의 %.2f배 (%s)", rmse / naive,
                rmse < naive * 0.995 ? "이김" : rmse <= naive * 1.005 ? "비김" : "짐")
                : "RMSE가 수가 아닙니다 (NaN)";
        return check.that("'내일 = 오늘' 대비 RMSE (" + data + ")", rmse <= bar * naive,
                "기준선의 " + bar + "배 이하", result, forecastHint(pred, last, truth, bar == SYNTHETIC_BAR));
    }

    /** Names what the forecast looks like: the baseline, bare changes, changes left scaled, prices plus prices. */
    private static String forecastHint(Tensor pred, Tensor last, Tensor truth, boolean predictable) {
        if (pred.maxAbsDiff(last) < 1e-6) {
            return predictable
                    ? "예측이 마지막 날 종가와 똑같습니다(Δ̂ = 0). 이 시계열에서는 창으로 변화량을 맞힐 수 있으므로, 학습한 모델의 Δ̂를 더해야 기준선을 이깁니다. "
                    + "검증 오차가 Δ̂ = 0의 오차보다 낮아졌을 때 예측을 바꾸고 있나요?"
                    : "예측이 마지막 날 종가와 똑같습니다(Δ̂ = 0).";
        }
        double[] p = pred.toDoubleArray(), l = last.toDoubleArray(), y = truth.toDoubleArray();
        double dot = 0, norm = 0, dotLast = 0;
        for (int i = 0; i < p.length; i++) {
            double change = y[i] - l[i], predicted = p[i] - l[i];
            dot += predicted * change;
            norm += change * change;
            dotLast += predicted * l[i];
        }
        if (rmse(pred, truth.sub(last)) < rmse(pred, truth)) {
            return "예측이 종가가 아니라 변화량 크기입니다. 마지막 날 종가를 다시 더했나요? 예측 = testX의 마지막 날 종가 + Δ̂.";
        }
        double lastNorm = 0;
        for (double v : l) {
            lastNorm += v * v;
        }
        if (dotLast / lastNorm > 0.5) {
            return "예측에서 마지막 날 종가를 빼면 또 종가 크기가 남습니다. 모델이 변화량이 아니라 종가 자체를 배운 뒤 마지막 날 종가를 더한 것 같습니다: "
                    + "목표는 train.y() - (창의 마지막 날 종가)입니다.";
        }
        if (norm > 0 && dot / norm > 3) {
            return "예측한 변화량이 실제보다 몇 배 큽니다. 목표에 10을 곱해 학습했다면 예측에서는 10으로 나누세요.";
        }
        return predictable
                ? "이 시계열에서는 창의 모양으로 다음 날의 변화를 맞힐 수 있는데 예측이 그만큼 맞지 않습니다. 목표가 변화량 (y - 창의 마지막 날 종가, 열 4)인지, "
                + "학습이 충분한지(수백 번 갱신) 보세요."
                : "실제 주가에서 변화량은 거의 잡음이라, 훈련 구간의 잡음을 외운 모델은 기준선보다 나빠집니다. train의 마지막 20%를 검증용으로 떼어, "
                + "검증 오차가 가장 낮았던 때의 예측을 돌려주세요(Δ̂ = 0의 검증 오차보다 낮지 않으면 Δ̂ = 0).";
    }

    /**
     * Every (WINDOW + 1)-th window only. Consecutive windows overlap: window i + 1 ends on window
     * i's target day, so with all of them testX would hold every target but the last, and a
     * forecaster reading the next window's close (or fitting on testX) would pass with RMSE ≈ 0.
     */
    private static Windows.Pair disjoint(Windows.Pair all) {
        int[] keep = java.util.stream.IntStream.iterate(0, i -> i < all.size(), i -> i + WINDOW + 1).toArray();
        return new Windows.Pair(all.x().indexSelect(0, keep).contiguous(), all.y().indexSelect(0, keep).contiguous());
    }

    private static Tensor lastClose(Tensor windows) {
        return windows.select(1, WINDOW - 1).select(1, CLOSE).unsqueeze(1);
    }

    private static double rmse(Tensor a, Tensor b) {
        return Math.sqrt(a.sub(b).pow(2).mean().item());
    }

    /**
     * A daily price series (days, 5) shaped like the notebook's table (Open, High, Low, Volume,
     * Close): a close that follows a 16-day cycle around 100 with small noise, so that the next
     * day's change follows from the last seven days; open, high and low around it; an unrelated
     * volume.
     */
    static Tensor cycleSeries(Random rng, int days) {
        float[] v = new float[days * 5];
        double previous = 100;
        for (int d = 0; d < days; d++) {
            double close = 100 + 20 * Math.sin(2 * Math.PI * d / 16.0) + rng.nextGaussian();
            double open = previous + 0.3 * rng.nextGaussian();
            v[d * 5] = (float) open;
            v[d * 5 + 1] = (float) (Math.max(open, close) + Math.abs(rng.nextGaussian()));
            v[d * 5 + 2] = (float) (Math.min(open, close) - Math.abs(rng.nextGaussian()));
            v[d * 5 + 3] = (float) (1e6 * (1 + 0.5 * rng.nextDouble()));
            v[d * 5 + 4] = (float) close;
            previous = close;
        }
        return Tensor.fromArray(v, days, 5);
    }
}
