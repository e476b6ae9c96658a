package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.tensor.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Checks09Test {

    private static Tensor gruStep(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, boolean swapZ) {
        List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1);
        List<Tensor> gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
        Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
        Tensor z = gi.get(1).add(gh.get(1)).sigmoid();
        Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
        return swapZ ? z.mul(n).add(z.rsub(1).mul(h)) : z.rsub(1).mul(n).add(z.mul(h));
    }

    private static long count(int d, int h, int layers, boolean bi, boolean upperIsH) {
        int dirs = bi ? 2 : 1;
        long n = 0;
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? d : upperIsH ? h : h * dirs;
            n += (long) dirs * 3 * (h * in + h * h + 2 * h);
        }
        return n;
    }

    @Test
    void gruStepPassesAndCatchesSwappedUpdateGate() {
        assertEquals(ExerciseStatus.PASSED,
                Checks09.myGruStep((x, h, a, b, c, d) -> gruStep(x, h, a, b, c, d, false)).status());
        ExerciseResult wrong = Checks09.myGruStep((x, h, a, b, c, d) -> gruStep(x, h, a, b, c, d, true));
        assertEquals(ExerciseStatus.FAILED, wrong.status());
        assertTrue(wrong.failures().get(0).hint().contains("z와 1 - z"), wrong.toString());
        // the (B, 3H) gate block instead of the state: a shape failure with its own hint
        ExerciseResult gates = Checks09.myGruStep((x, h, a, b, c, d) -> x.matmul(a.t()));
        assertEquals(ExerciseStatus.FAILED, gates.status());
        assertTrue(gates.failures().get(0).hint().contains("(B, H)"), gates.toString());
    }

    @Test
    void parameterCountPassesAndNamesTheUpperLayerInput() {
        assertEquals(ExerciseStatus.PASSED,
                Checks09.gruParameterCount((d, h, l, bi) -> count(d, h, l, bi, false)).status());
        ExerciseResult wrong = Checks09.gruParameterCount((d, h, l, bi) -> count(d, h, l, bi, true));
        assertEquals(ExerciseStatus.FAILED, wrong.status());
        assertTrue(wrong.failures().get(0).hint().contains("H × 2"), wrong.toString());
    }

    @Test
    void todoIsUnsolvedAndAnExceptionIsAnError() {
        assertEquals(ExerciseStatus.UNSOLVED, Checks09.myGruStep((x, h, a, b, c, d) -> Exercise.todo()).status());
        assertEquals(ExerciseStatus.UNSOLVED, Checks09.gruParameterCount((d, h, l, bi) -> Exercise.todo()).status());
        assertEquals(ExerciseStatus.ERROR, Checks09.gruParameterCount((d, h, l, bi) -> {
            throw new IllegalStateException("boom");
        }).status());
        assertEquals(ExerciseStatus.ERROR,
                Checks09.myGruStep((x, h, a, b, c, d) -> x.matmul(a)).status());   // (B, D) x (3H, D): shapes clash
    }

    @Test
    void everyExerciseHasTwoOrThreeHints() {
        assertEquals(List.of("09-1", "09-2"), Checks09.EXERCISES.stream().map(e -> e.id()).toList());
        Checks09.EXERCISES.forEach(e -> assertTrue(e.hints().size() >= 2 && e.hints().size() <= 3, e.id()));
    }
}
