package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.data.Lang;
import rnncourse.tensor.Tensor;

/**
 * Red team of notebook 11's 11-1 check: wrong answers not in exercises/11.jsh, written from
 * the exercise text alone, and a correct answer written differently.
 */
class RedTeam11Test {

    interface NextInput {
        int of(Checks11.DecoderStep step, int t, int[] target, int previous);
    }

    static Checks11.FreeRunningLoss loss(NextInput next, boolean keepContext, boolean mean) {
        return loss(next, keepContext, mean, Lang.SOS);
    }

    static Checks11.FreeRunningLoss loss(NextInput next, boolean keepContext, boolean mean, int first) {
        return (model, pair) -> {
            int[] tgt = pair.target();
            try (var ng = Tensor.noGrad()) {
                Tensor context = model.encode(Tensor.tensorLong(pair.source())), hidden = context;
                int input = first;
                double sum = 0;
                for (int t = 0; t < tgt.length; t++) {
                    Checks11.DecoderStep step = model.decode(Tensor.tensorLong(input), hidden);
                    sum -= step.logProbs().get(0, tgt[t]);
                    input = next.of(step, t, tgt, input);
                    hidden = keepContext ? context : step.hidden();
                }
                return mean ? sum / tgt.length : sum;
            }
        };
    }

    static int argmax(Checks11.DecoderStep step) {
        double[] lp = step.logProbs().toDoubleArray();
        int best = 0;
        for (int v = 1; v < lp.length; v++) if (lp[v] > lp[best]) best = v;
        return best;
    }

    @Test
    void freeRunningLoss() {
        RedTeam.of(Checks11::freeRunningLoss)
                .wrong("hidden state never updated (context vector every step)", loss((s, t, y, p) -> argmax(s), true, true))
                .wrong("sum, not per word", loss((s, t, y, p) -> argmax(s), false, false))
                .wrong("<SOS> fed at every step", loss((s, t, y, p) -> Lang.SOS, false, true))
                .wrong("argmax over the wrong axis (argmax(0) of (1, V): word 0 every step)",
                        loss((s, t, y, p) -> s.logProbs().argmax(0).toIntArray()[0], false, true))
                .wrong("first input <EOS>, not <SOS>", loss((s, t, y, p) -> argmax(s), false, true, Lang.EOS))
                .wrong("first input word 3", loss((s, t, y, p) -> argmax(s), false, true, 3))
                .wrong("previous step's argmax fed one step late (input repeated)", loss((s, t, y, p) -> t % 2 == 0 ? argmax(s) : p, false, true))
                .right("argmax by a scan over the log-probabilities", loss((s, t, y, p) -> argmax(s), false, true))
                .verify();
    }
}
