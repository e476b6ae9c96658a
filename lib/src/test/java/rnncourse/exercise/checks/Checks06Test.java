package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnncourse.exercise.checks.CheckStatusAssertions.assertStatus;

class Checks06Test {

    @Test
    void lastTimeStepCatchesWrongAxisFirstStepKeptAxisAndThePagesLength() {
        assertStatus(ExerciseStatus.PASSED, Checks06.lastTimeStep(o -> o.select(0, o.size(0) - 1)));
        assertStatus(ExerciseStatus.PASSED, Checks06.lastTimeStep(o -> o.slice(0, o.size(0) - 1, o.size(0)).squeeze(0)));
        assertStatus(ExerciseStatus.FAILED, Checks06.lastTimeStep(o -> o.select(1, o.size(1) - 1)));
        ExerciseResult firstStep = Checks06.lastTimeStep(o -> o.select(0, 0));
        assertStatus(ExerciseStatus.FAILED, firstStep);
        assertTrue(firstStep.failures().get(0).hint().contains("시점 0"), firstStep.toString());
        assertStatus(ExerciseStatus.FAILED, Checks06.lastTimeStep(o -> o.slice(0, o.size(0) - 1, o.size(0))));
        assertStatus(ExerciseStatus.FAILED, Checks06.lastTimeStep(o -> o.select(0, 1)));
        assertStatus(ExerciseStatus.UNSOLVED, Checks06.lastTimeStep(o -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks06.lastTimeStep(o -> o.select(0, o.size(0))));
    }

    @Test
    void scoresCatchesProductOrderMissingBiasAndReshapedWeight() {
        assertStatus(ExerciseStatus.PASSED, Checks06.scores((h, w, b) -> h.mm(w.transpose(0, 1)).add(b)));
        assertStatus(ExerciseStatus.PASSED, Checks06.scores((h, w, b) -> w.matmul(h.t()).t().add(b)));
        assertStatus(ExerciseStatus.FAILED, Checks06.scores((h, w, b) -> w.mm(h.transpose(0, 1))));
        assertStatus(ExerciseStatus.FAILED, Checks06.scores((h, w, b) -> h.mm(w.transpose(0, 1))));
        assertStatus(ExerciseStatus.FAILED, Checks06.scores((h, w, b) -> h.mm(w.view(w.size(1), w.size(0))).add(b)));
        assertStatus(ExerciseStatus.UNSOLVED, Checks06.scores((h, w, b) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks06.scores((h, w, b) -> h.mm(w)));
    }
}
