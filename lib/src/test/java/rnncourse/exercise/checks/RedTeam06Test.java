package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * Red team of notebook 06's checks: wrong answers not in exercises/06.jsh, written from the
 * exercise text alone, and correct answers written differently from the solution.
 */
class RedTeam06Test {

    @Test
    void lastTimeStep() {
        RedTeam.of(Checks06::lastTimeStep)
                .wrong("the page's T = 2: step 1 hard-coded", o -> o.select(0, 1))
                .wrong("mean over time", o -> o.mean(0))
                .wrong("sum over time", o -> o.sum(0))
                .wrong("first step", o -> o.select(0, 0))
                .wrong("last batch row, then first feature step", o -> o.select(1, o.size(1) - 1))
                .wrong("one before the last", o -> o.select(0, Math.max(0, o.size(0) - 2)))
                .right("slice then squeeze", o -> o.slice(0, o.size(0) - 1, o.size(0)).squeeze(0))
                .right("indexSelect then view", o -> o.indexSelect(0, o.size(0) - 1).view(o.size(1), o.size(2)))
                .verify();
    }

    @Test
    void scores() {
        RedTeam.of(Checks06::scores)
                .wrong("bias left out", (h, w, b) -> h.matmul(w.t()))
                .wrong("softmax applied (probabilities, not scores)", (h, w, b) -> h.matmul(w.t()).add(b).softmax(1))
                .wrong("tanh applied", (h, w, b) -> h.matmul(w.t()).add(b).tanh())
                .wrong("weight reshaped (view) instead of transposed", (h, w, b) -> h.matmul(w.contiguous().view(w.size(1), w.size(0))).add(b))
                .wrong("bias subtracted", (h, w, b) -> h.matmul(w.t()).sub(b))
                .wrong("transposed result (C, B) transposed back wrongly", (h, w, b) -> w.matmul(h.t()).add(b.unsqueeze(1)).contiguous().view(h.size(0), w.size(0)))
                .right("(W hᵀ + b)ᵀ", (h, w, b) -> w.matmul(h.t()).add(b.unsqueeze(1)).t())
                .right("in float64", (h, w, b) -> h.to(DType.FLOAT64).matmul(w.to(DType.FLOAT64).t()).add(b.to(DType.FLOAT64)))
                .right("element loops", (h, w, b) -> {
                    int B = h.size(0), H = h.size(1), C = w.size(0);
                    Tensor out = Tensor.zeros(B, C);
                    for (int i = 0; i < B; i++)
                        for (int c = 0; c < C; c++) {
                            double s = b.get(c);
                            for (int k = 0; k < H; k++) s += h.get(i, k) * w.get(c, k);
                            out.set(s, i, c);
                        }
                    return out;
                })
                .verify();
    }
}
