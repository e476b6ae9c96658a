package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnncourse.exercise.checks.CheckStatusAssertions.assertStatus;

class Checks02Test {

    static INDArray step(INDArray x, INDArray h, INDArray wx, INDArray wh, INDArray b) {
        return Transforms.tanh(wx.mmul(x).add(wh.mmul(h)).add(b));
    }

    /** The sequence loop with a chosen h_0 type, loop bound and recorded state. */
    static INDArray run(INDArray inputs, INDArray wx, INDArray wh, INDArray b, boolean floatH0, int fixedSteps,
                        boolean recordBefore) {
        int steps = fixedSteps > 0 ? fixedSteps : (int) inputs.size(0), d = (int) inputs.size(1);
        INDArray h = floatH0 ? Nd4j.zeros(wh.size(0), 1) : Nd4j.zeros(DataType.DOUBLE, wh.size(0), 1);
        List<INDArray> states = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            INDArray next = step(inputs.getRow(t).reshape(d, 1), h, wx, wh, b);
            states.add((recordBefore ? h : next).transpose());
            h = next;
        }
        return Nd4j.vstack(states.toArray(INDArray[]::new));
    }

    @Test
    void rnnStepWithBiasCatchesMissingTanhIgnoredStateAndTransposedWeight() {
        assertStatus(ExerciseStatus.PASSED, Checks02.rnnStepWithBias(Checks02Test::step));
        assertStatus(ExerciseStatus.FAILED, Checks02.rnnStepWithBias((x, h, wx, wh, b) -> wx.mmul(x).add(wh.mmul(h)).add(b)));
        assertStatus(ExerciseStatus.FAILED, Checks02.rnnStepWithBias((x, h, wx, wh, b) -> Transforms.tanh(wx.mmul(x).add(b))));
        assertStatus(ExerciseStatus.FAILED, Checks02.rnnStepWithBias((x, h, wx, wh, b) ->
                Transforms.tanh(wx.mmul(x).add(wh.mmul(h))).add(b)));
        assertStatus(ExerciseStatus.FAILED, Checks02.rnnStepWithBias((x, h, wx, wh, b) ->
                Transforms.tanh(wx.mmul(x).add(wh.transpose().mmul(h)).add(b))));
        assertStatus(ExerciseStatus.FAILED, Checks02.rnnStepWithBias((x, h, wx, wh, b) ->
                step(x, h, wx, wh, b).transpose()));                                     // a row, not a column
        assertStatus(ExerciseStatus.FAILED, Checks02.rnnStepWithBias((x, h, wx, wh, b) ->
                step(x, h, wx, wh, b).castTo(DataType.FLOAT)));
        assertStatus(ExerciseStatus.UNSOLVED, Checks02.rnnStepWithBias((x, h, wx, wh, b) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks02.rnnStepWithBias((x, h, wx, wh, b) -> x.mmul(wx)));   // shapes do not fit
    }

    @Test
    void runRnnCatchesStaleStatePageLoopBoundAndNamesAFloatClash() {
        assertStatus(ExerciseStatus.PASSED, Checks02.runRnn((in, wx, wh, b) -> run(in, wx, wh, b, false, 0, false)));
        ExerciseResult recordedBefore = Checks02.runRnn((in, wx, wh, b) -> run(in, wx, wh, b, false, 0, true));
        assertStatus(ExerciseStatus.FAILED, recordedBefore);
        assertTrue(recordedBefore.failures().get(0).what().contains("시점 t = 1")
                && recordedBefore.failures().get(0).hint().contains("h_0"), recordedBefore.toString());
        assertStatus(ExerciseStatus.FAILED, Checks02.runRnn((in, wx, wh, b) -> run(in, wx, wh, b, false, 10, false)));
        ExerciseResult floatH0 = Checks02.runRnn((in, wx, wh, b) -> run(in, wx, wh, b, true, 0, false));
        assertStatus(ExerciseStatus.FAILED, floatH0);
        String box = floatH0.toString();
        assertTrue(box.contains("DOUBLE") && box.contains("FLOAT") && box.contains("DataType.DOUBLE"), box);
        assertTrue(!box.contains("준비되지 않은"), box);
        assertStatus(ExerciseStatus.UNSOLVED, Checks02.runRnn((in, wx, wh, b) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks02.runRnn((in, wx, wh, b) -> in.getRow(99)));
    }

    @Test
    void typeClashIsRecognisedOnlyInNd4jsTypeMessages() {
        IllegalStateException clash = new IllegalStateException("Matrix multiplication: arrays must have same dtype: DOUBLE vs. FLOAT");
        assertTrue(Checks02.typeClash(new RuntimeException(clash.toString(), clash)).contains("행렬 곱(mmul)에서 DOUBLE 배열과 FLOAT 배열"));
        assertNull(Checks02.typeClash(new IllegalStateException("not ready")));
        assertNull(Checks02.typeClash(new java.util.concurrent.CancellationException("interrupted")));
    }
}
