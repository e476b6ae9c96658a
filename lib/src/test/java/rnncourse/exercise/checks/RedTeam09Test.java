package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.tensor.Tensor;

import java.util.List;

/**
 * Red team of notebook 09's checks: wrong answers not in exercises/09.jsh, written from the
 * exercise text alone, and correct answers written differently from the solution.
 */
class RedTeam09Test {

    /** A GRU step with switches for the usual mistakes. */
    static Tensor gru(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                      boolean resetBeforeMatmul, boolean noHiddenBias, boolean zInputOnly, boolean sigmoidCandidate) {
        int H = h.size(1);
        List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1);
        Tensor hb = noHiddenBias ? Tensor.zerosLike(bHh) : bHh;
        List<Tensor> gh = h.matmul(wHh.t()).add(hb).chunk(3, 1);
        Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
        Tensor z = (zInputOnly ? gi.get(1) : gi.get(1).add(gh.get(1))).sigmoid();
        Tensor hn;
        if (resetBeforeMatmul) {
            hn = r.mul(h).matmul(wHh.slice(0, 2 * H, 3 * H).t()).add(hb.slice(0, 2 * H, 3 * H));
        } else {
            hn = r.mul(gh.get(2));
        }
        Tensor pre = gi.get(2).add(hn);
        Tensor n = sigmoidCandidate ? pre.sigmoid() : pre.tanh();
        return z.rsub(1).mul(n).add(z.mul(h));
    }

    @Test
    void gruStep() {
        RedTeam.of(Checks09::myGruStep)
                .wrong("reset gate on h before W_hn (Cho et al.'s GRU, not PyTorch's)",
                        (x, h, a, b, c, d) -> gru(x, h, a, b, c, d, true, false, false, false))
                .wrong("hidden-side bias b_hh left out", (x, h, a, b, c, d) -> gru(x, h, a, b, c, d, false, true, false, false))
                .wrong("update gate from the input side only", (x, h, a, b, c, d) -> gru(x, h, a, b, c, d, false, false, true, false))
                .wrong("sigmoid for the candidate", (x, h, a, b, c, d) -> gru(x, h, a, b, c, d, false, false, false, true))
                .wrong("returns the candidate n (no interpolation)", (x, h, wIh, wHh, bIh, bHh) -> {
                    List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1), gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
                    Tensor r = gi.get(0).add(gh.get(0)).sigmoid();
                    return gi.get(2).add(r.mul(gh.get(2))).tanh();
                })
                .wrong("chunks read as r, n, z", (x, h, wIh, wHh, bIh, bHh) -> {
                    List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1), gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
                    Tensor r = gi.get(0).add(gh.get(0)).sigmoid(), z = gi.get(2).add(gh.get(2)).sigmoid();
                    Tensor n = gi.get(1).add(r.mul(gh.get(1))).tanh();
                    return z.rsub(1).mul(n).add(z.mul(h));
                })
                .right("sigmoid written as ½(1 + tanh(a/2))", (x, h, wIh, wHh, bIh, bHh) -> {
                    List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1), gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
                    Tensor r = gi.get(0).add(gh.get(0)).mul(0.5).tanh().add(1).mul(0.5);
                    Tensor z = gi.get(1).add(gh.get(1)).mul(0.5).tanh().add(1).mul(0.5);
                    Tensor n = gi.get(2).add(r.mul(gh.get(2))).tanh();
                    return h.sub(n).mul(z).add(n);
                })
                .right("weights transposed once and sliced by columns", (x, h, wIh, wHh, bIh, bHh) -> {
                    int H = h.size(1);
                    Tensor a = x.matmul(wIh.t()).add(bIh), g = h.matmul(wHh.t()).add(bHh);
                    Tensor r = a.slice(1, 0, H).add(g.slice(1, 0, H)).sigmoid();
                    Tensor z = a.slice(1, H, 2 * H).add(g.slice(1, H, 2 * H)).sigmoid();
                    Tensor n = a.slice(1, 2 * H, 3 * H).add(r.mul(g.slice(1, 2 * H, 3 * H))).tanh();
                    return z.mul(h).add(z.rsub(1).mul(n));
                })
                .verify();
    }

    @Test
    void gruParameterCount() {
        RedTeam.of(Checks09::gruParameterCount)
                .wrong("bidirectional ignored", (d, h, layers, bi) -> {
                    long n = 0;
                    for (int l = 0; l < layers; l++) n += 3L * (h * (l == 0 ? d : h) + h * h + 2 * h);
                    return n;
                })
                .wrong("layers ignored", (d, h, layers, bi) -> (bi ? 2 : 1) * 3L * (h * d + h * h + 2 * h))
                .wrong("4 gate blocks (LSTM's count)", (d, h, layers, bi) -> {
                    int dirs = bi ? 2 : 1;
                    long n = 0;
                    for (int l = 0; l < layers; l++) n += (long) dirs * 4 * (h * (l == 0 ? d : h * dirs) + h * h + 2 * h);
                    return n;
                })
                .wrong("biases counted once per layer, not per direction", (d, h, layers, bi) -> {
                    int dirs = bi ? 2 : 1;
                    long n = 0;
                    for (int l = 0; l < layers; l++) n += (long) dirs * 3 * (h * (l == 0 ? d : h * dirs) + h * h) + 3L * 2 * h;
                    return n;
                })
                .wrong("upper layers' input 2H even when one direction", (d, h, layers, bi) -> {
                    int dirs = bi ? 2 : 1;
                    long n = 0;
                    for (int l = 0; l < layers; l++) n += (long) dirs * 3 * (h * (l == 0 ? d : 2 * h) + h * h + 2 * h);
                    return n;
                })
                .wrong("the notebook's formula for one layer only, times 2 if bidirectional, times layers",
                        (d, h, layers, bi) -> (long) layers * (bi ? 2 : 1) * 3 * (h * d + h * h + 2 * h))
                .right("closed form: dirs·3·(H·D + H² + 2H) + (L−1)·dirs·3·(H·dirs·H + H² + 2H) via long", (d, h, layers, bi) -> {
                    long dirs = bi ? 2 : 1, H = h, D = d;
                    return dirs * 3 * (H * D + H * H + 2 * H) + (layers - 1) * dirs * 3 * (H * dirs * H + H * H + 2 * H);
                })
                .right("counted tensor by tensor (weight_ih, weight_hh, bias_ih, bias_hh)", (d, h, layers, bi) -> {
                    long n = 0;
                    int dirs = bi ? 2 : 1;
                    for (int l = 0; l < layers; l++)
                        for (int dir = 0; dir < dirs; dir++) {
                            int in = l == 0 ? d : h * dirs;
                            n += 3L * h * in;   // weight_ih
                            n += 3L * h * h;    // weight_hh
                            n += 3L * h;        // bias_ih
                            n += 3L * h;        // bias_hh
                        }
                    return n;
                })
                .verify();
    }
}
