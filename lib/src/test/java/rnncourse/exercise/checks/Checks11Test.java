package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.data.Lang;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.exercise.checks.Checks11.DecoderStep;
import rnncourse.exercise.checks.Checks11.Pair;
import rnncourse.exercise.checks.Checks11.RatioResult;
import rnncourse.exercise.checks.Checks11.Seq2Seq;
import rnncourse.exercise.checks.Checks11.Setup;
import rnncourse.nn.NLLLoss;
import rnncourse.optim.SGD;
import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Checks11Test {

    private static void assertStatus(ExerciseStatus expected, ExerciseResult r) {
        assertEquals(expected, r.status(), r.toString());
    }

    /** Free-running loss with the knobs a wrong answer turns. */
    static double freeRunning(Seq2Seq model, Pair pair, boolean forcing, boolean stopAtEos, int startWord) {
        NLLLoss nll = new NLLLoss();
        int[] target = pair.target();
        try (var ng = Tensor.noGrad()) {
            Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
            Tensor input = Tensor.tensorLong(startWord);
            double sum = 0;
            int steps = 0;
            for (int t = 0; t < target.length; t++) {
                DecoderStep s = model.decode(input, hidden);
                sum += nll.forward(s.logProbs(), Tensor.tensorLong(target[t])).item();
                steps++;
                int best = s.logProbs().argmax(1).toIntArray()[0];
                if (stopAtEos && best == Lang.EOS) break;
                input = Tensor.tensorLong(forcing ? target[t] : best);
                hidden = s.hidden();
            }
            return sum / steps;
        }
    }

    static double freeRunningLoss(Seq2Seq model, Pair pair) {
        return freeRunning(model, pair, false, false, Lang.SOS);
    }

    @Test
    void freeRunningLossCheck() {
        assertStatus(ExerciseStatus.PASSED, Checks11.freeRunningLoss(Checks11Test::freeRunningLoss));
        assertStatus(ExerciseStatus.FAILED, Checks11.freeRunningLoss((m, p) -> freeRunning(m, p, true, false, Lang.SOS)));
        assertStatus(ExerciseStatus.FAILED, Checks11.freeRunningLoss((m, p) -> freeRunning(m, p, false, true, Lang.SOS)));
        assertStatus(ExerciseStatus.FAILED, Checks11.freeRunningLoss((m, p) -> freeRunning(m, p, false, false, Lang.EOS)));
        assertStatus(ExerciseStatus.FAILED, Checks11.freeRunningLoss((m, p) -> freeRunningLoss(m, p) * p.target().length));
        Tensor.manualSeed(5);
        Seq2Seq global = new Checks11.GruSeq2Seq(25, 21, 16);
        assertStatus(ExerciseStatus.FAILED, Checks11.freeRunningLoss((m, p) -> freeRunningLoss(global, p)));
        assertStatus(ExerciseStatus.UNSOLVED, Checks11.freeRunningLoss((m, p) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks11.freeRunningLoss((m, p) -> freeRunningLoss(null, p)));
    }

    enum Fault { NONE, COIN_PER_STEP, INVERTED, MEAN_BACKWARD, NO_ZERO_GRAD, ALWAYS_FORCING }

    static double trainStep(Seq2Seq model, SGD enc, SGD dec, Pair pair, double ratio, Random rng, Fault fault) {
        boolean forcing = fault == Fault.INVERTED ? rng.nextDouble() >= ratio : fault == Fault.COIN_PER_STEP || rng.nextDouble() < ratio;
        NLLLoss nll = new NLLLoss();
        int[] target = pair.target();
        if (fault != Fault.NO_ZERO_GRAD) {
            enc.zeroGrad();
            dec.zeroGrad();
        }
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        Tensor loss = Tensor.scalar(0);
        for (int word : target) {
            DecoderStep s = model.decode(input, hidden);
            loss = loss.add(nll.forward(s.logProbs(), Tensor.tensorLong(word)));
            boolean force = fault == Fault.ALWAYS_FORCING || (fault == Fault.COIN_PER_STEP ? rng.nextDouble() < ratio : forcing);
            input = Tensor.tensorLong(force ? word : s.logProbs().argmax(1).toIntArray()[0]);
            hidden = s.hidden();
        }
        (fault == Fault.MEAN_BACKWARD ? loss.div(target.length) : loss).backward();
        enc.step();
        dec.step();
        return loss.item() / target.length;
    }

    @Test
    void trainStepWithRatioCheck() {
        assertStatus(ExerciseStatus.PASSED, Checks11.trainStepWithRatio((m, e, d, p, r, g) -> trainStep(m, e, d, p, r, g, Fault.NONE)));
        for (Fault f : List.of(Fault.COIN_PER_STEP, Fault.INVERTED, Fault.MEAN_BACKWARD, Fault.NO_ZERO_GRAD, Fault.ALWAYS_FORCING)) {
            ExerciseResult r = Checks11.trainStepWithRatio((m, e, d, p, ratio, g) -> trainStep(m, e, d, p, ratio, g, f));
            assertEquals(ExerciseStatus.FAILED, r.status(), f + ": " + r);
        }
        assertStatus(ExerciseStatus.UNSOLVED, Checks11.trainStepWithRatio((m, e, d, p, r, g) -> Exercise.todo()));
    }

    static boolean exact(Seq2Seq model, Pair pair) {
        try (var ng = Tensor.noGrad()) {
            Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
            Tensor input = Tensor.tensorLong(Lang.SOS);
            for (int word : pair.target()) {
                DecoderStep s = model.decode(input, hidden);
                int best = s.logProbs().argmax(1).toIntArray()[0];
                if (best != word) return false;
                input = Tensor.tensorLong(best);
                hidden = s.hidden();
            }
            return true;
        }
    }

    enum Plan { RIGHT, NO_TRAINING, IGNORES_RATIO, TRAINING_LOSS, SHARED_MODEL }

    static List<RatioResult> measure(Setup setup, double[] ratios, Plan plan) {
        List<RatioResult> results = new ArrayList<>();
        Seq2Seq shared = null;
        for (double ratio : ratios) {
            Tensor.manualSeed(setup.seed());
            Seq2Seq model = plan == Plan.SHARED_MODEL && shared != null ? shared : setup.newModel().get();
            shared = model;
            SGD enc = new SGD(model.encoderParameters(), setup.learningRate());
            SGD dec = new SGD(model.decoderParameters(), setup.learningRate());
            Random rng = new Random(setup.seed());
            double last = 0;
            for (int i = 0; plan != Plan.NO_TRAINING && i < setup.iterations(); i++) {
                Pair p = setup.pairs().get(rng.nextInt(setup.pairs().size()));
                last = trainStep(model, enc, dec, p, plan == Plan.IGNORES_RATIO ? 1.0 : ratio, rng, Fault.NONE);
            }
            int exactPairs = 0;
            double sum = 0;
            for (Pair p : setup.pairs()) {
                exactPairs += exact(model, p) ? 1 : 0;
                sum += freeRunningLoss(model, p);
            }
            results.add(new RatioResult(ratio, model, exactPairs, plan == Plan.TRAINING_LOSS ? last : sum / setup.pairs().size()));
        }
        return results;
    }

    @Test
    void measureTeacherForcingCheck() {
        ExerciseResult right = Checks11.measureTeacherForcing((s, r) -> measure(s, r, Plan.RIGHT));
        assertStatus(ExerciseStatus.PASSED, right);
        for (Plan p : List.of(Plan.NO_TRAINING, Plan.IGNORES_RATIO, Plan.TRAINING_LOSS, Plan.SHARED_MODEL)) {
            ExerciseResult r = Checks11.measureTeacherForcing((s, ratios) -> measure(s, ratios, p));
            assertEquals(ExerciseStatus.FAILED, r.status(), p + ": " + r);
        }
        assertStatus(ExerciseStatus.UNSOLVED, Checks11.measureTeacherForcing((s, r) -> Exercise.todo()));
    }
}
