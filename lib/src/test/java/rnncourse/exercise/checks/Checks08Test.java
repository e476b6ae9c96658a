package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.nn.CrossEntropyLoss;
import rnncourse.nn.LSTM;
import rnncourse.tensor.Tensor;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Checks08Test {

    private static void forgetBias(LSTM lstm, double value, int from, double hh) {
        int h = lstm.hiddenSize();
        Tensor bIh = lstm.namedParameters().get("bias_ih_l0"), bHh = lstm.namedParameters().get("bias_hh_l0");
        for (int j = from; j < from + h; j++) {
            bIh.set(value, j);
            if (!Double.isNaN(hh)) {
                bHh.set(hh, j);
            }
        }
    }

    private static double[] norms(Function<Tensor, Tensor> model, Tensor x, Tensor y, boolean detach, boolean sqrt) {
        Tensor xg = detach ? x.detach().requiresGrad_(true) : x.requiresGrad_(true);
        new CrossEntropyLoss().forward(model.apply(xg), y).backward();
        double[] n = new double[x.size(1)];
        for (int t = 0; t < n.length; t++) {
            double s = xg.grad().select(1, t).pow(2).sum().item();
            n[t] = sqrt ? Math.sqrt(s) : s;
        }
        return n;
    }

    @Test
    void forgetBiasPassesAndNamesWhatWentWrong() {
        assertEquals(ExerciseStatus.PASSED, Checks08.setForgetBias((l, v) -> forgetBias(l, v, l.hiddenSize(), 0)).status());
        ExerciseResult copy = Checks08.setForgetBias((l, v) -> {
            int h = l.hiddenSize();
            try (var ng = Tensor.noGrad()) {
                l.namedParameters().get("bias_ih_l0").slice(0, h, 2 * h).fill_(v);
            }
        });
        assertEquals(ExerciseStatus.FAILED, copy.status());
        assertTrue(copy.failures().get(0).hint().contains("하나도 바뀌지 않았습니다"), copy.toString());
        ExerciseResult input = Checks08.setForgetBias((l, v) -> forgetBias(l, v, 0, 0));
        assertEquals(ExerciseStatus.FAILED, input.status());
        assertTrue(input.failures().get(0).hint().contains("입력 게이트 i"), input.toString());
        ExerciseResult both = Checks08.setForgetBias((l, v) -> forgetBias(l, v, l.hiddenSize(), v));
        assertEquals(ExerciseStatus.FAILED, both.status());
        assertTrue(both.failures().get(0).hint().contains("2 × value"), both.toString());
        ExerciseResult kept = Checks08.setForgetBias((l, v) -> forgetBias(l, v, l.hiddenSize(), Double.NaN));
        assertEquals(ExerciseStatus.FAILED, kept.status());
        assertTrue(kept.failures().get(0).hint().contains("0으로 바꾸지 않았습니다"), kept.toString());
    }

    @Test
    void gradientNormsPassAndCatchAMissingDetachAndAMissingRoot() {
        assertEquals(ExerciseStatus.PASSED, Checks08.inputGradientNorms((m, x, y) -> norms(m, x, y, true, true)).status());
        ExerciseResult noDetach = Checks08.inputGradientNorms((m, x, y) -> norms(m, x, y, false, true));
        assertEquals(ExerciseStatus.FAILED, noDetach.status());
        assertTrue(noDetach.failures().get(0).what().contains("requiresGrad"), noDetach.toString());
        ExerciseResult squared = Checks08.inputGradientNorms((m, x, y) -> norms(m, x, y, true, false));
        assertEquals(ExerciseStatus.FAILED, squared.status());
        assertTrue(squared.failures().get(0).hint().contains("제곱근"), squared.toString());
        // only the last step right: every earlier step is compared relative to its own size
        ExerciseResult lastOnly = Checks08.inputGradientNorms((m, x, y) -> {
            double[] n = norms(m, x, y, true, true);
            for (int t = 0; t < n.length - 1; t++) {
                n[t] = 0;
            }
            return n;
        });
        assertEquals(ExerciseStatus.FAILED, lastOnly.status());
    }

    @Test
    void todoIsUnsolvedAndAnExceptionIsAnError() {
        assertEquals(ExerciseStatus.UNSOLVED, Checks08.setForgetBias((l, v) -> Exercise.todo()).status());
        assertEquals(ExerciseStatus.UNSOLVED, Checks08.inputGradientNorms((m, x, y) -> Exercise.todo()).status());
        assertEquals(ExerciseStatus.ERROR, Checks08.inputGradientNorms((m, x, y) -> new double[]{x.grad().item()}).status());
        assertEquals(ExerciseStatus.ERROR, Checks08.setForgetBias((l, v) -> l.namedParameters().get("bias").set(v, 0)).status());
    }

    @Test
    void everyExerciseHasTwoOrThreeHints() {
        assertEquals(List.of("08-1", "08-2"), Checks08.EXERCISES.stream().map(e -> e.id()).toList());
        Checks08.EXERCISES.forEach(e -> assertTrue(e.hints().size() >= 2 && e.hints().size() <= 3, e.id()));
    }
}
