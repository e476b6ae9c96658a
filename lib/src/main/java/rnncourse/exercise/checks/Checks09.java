package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.GRU;
import rnncourse.nn.GRUCell;
import rnncourse.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * The checks of notebook 09 (GRU): one GRU step written by hand (09-1) and the parameter count
 * of a stacked, possibly bidirectional GRU worked out from the formula (09-2).
 */
public final class Checks09 {

    private static final ExerciseInfo GRU_STEP = new ExerciseInfo("09-1", "GRU 셀 한 시점", List.of(
            "입력 쪽 gi = x W_ihᵀ + b_ih와 은닉 쪽 gh = h W_hhᵀ + b_hh를 각각 (B, 3H)로 구한 뒤 chunk(3, 1)로 r, z, n 묶음으로 나누세요.",
            "r과 z는 두 쪽을 더해 시그모이드를 씌웁니다. n은 gi_n + r ⊙ gh_n에 tanh입니다: b_hn은 gh_n 안에 있어 r과 곱해집니다.",
            "마지막 줄은 h' = (1 - z) ⊙ n + z ⊙ h 입니다. z가 이전 상태 h를 남기는 비율이고, 1 - z는 z.rsub(1)로 씁니다."));

    private static final ExerciseInfo PARAMETER_COUNT = new ExerciseInfo("09-2", "GRU 파라미터 수", List.of(
            "한 층, 한 방향의 파라미터는 3 × (H × 입력 크기 + H × H + 2H)입니다. 이것을 층마다, 방향마다 더합니다.",
            "첫 층의 입력 크기는 D이고, 둘째 층부터는 아래층의 출력 크기입니다. 양방향이면 아래층의 출력은 두 방향을 이어 붙인 2H입니다.",
            "방향 수 dirs = bidirectional ? 2 : 1로 두고, 층 l마다 in = (l == 0 ? D : H × dirs), n += dirs × 3 × (H × in + H × H + 2 × H)."));

    /** The exercises of notebook 09, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(GRU_STEP, PARAMETER_COUNT);

    private Checks09() {
    }

    /** The student's {@code myGruStep(x, h, wIh, wHh, bIh, bHh)}. */
    @FunctionalInterface
    public interface GruStep {
        /**
         * @return the next hidden state (B, H)
         * @throws Exception whatever the student's code throws
         */
        Tensor apply(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) throws Exception;
    }

    /** The student's {@code gruParameterCount(D, H, layers, bidirectional)}. */
    @FunctionalInterface
    public interface ParameterCount {
        /**
         * @return the number of parameters of {@code GRU(D, H, numLayers(layers), bidirectional)}
         * @throws Exception whatever the student's code throws
         */
        long apply(int inputSize, int hiddenSize, int layers, boolean bidirectional) throws Exception;
    }

    /** One case of 09-1: sizes that differ in every dimension, and whether h starts at zero. */
    private record StepCase(int batch, int input, int hidden, boolean zeroState) {
    }

    /**
     * 09-1: the student's GRU step against {@code GRUCell} on three seeded cases the page never
     * shows (batch, input and hidden sizes all different; batch 1; a zero initial state), with
     * biases drawn large so that where b_hn is added shows in the result. A failed case names
     * the common mistake whose result the student's matches.
     */
    public static ExerciseResult myGruStep(GruStep student) {
        return Exercise.check(GRU_STEP.id(), GRU_STEP.title(), check -> {
            List<StepCase> cases = List.of(new StepCase(4, 3, 5, false), new StepCase(1, 6, 2, false),
                    new StepCase(3, 2, 7, true));
            Tensor.manualSeed(90_001);
            for (StepCase c : cases) {
                var cell = new GRUCell(c.input(), c.hidden());
                Map<String, Tensor> q = cell.namedParameters();
                try (var ng = Tensor.noGrad()) {
                    q.get("bias_ih").normal_(0, 1);
                    q.get("bias_hh").normal_(0, 1);
                }
                Tensor x = Tensor.randn(c.batch(), c.input());
                Tensor h = c.zeroState() ? Tensor.zeros(c.batch(), c.hidden()) : Tensor.randn(c.batch(), c.hidden());
                Tensor wIh = q.get("weight_ih"), wHh = q.get("weight_hh"), bIh = q.get("bias_ih"), bHh = q.get("bias_hh");
                Tensor expected;
                try (var ng = Tensor.noGrad()) {
                    expected = cell.forward(x, h);
                }
                Tensor got = check.call(() -> student.apply(x.detach(), h.detach(), wIh.detach(), wHh.detach(),
                        bIh.detach(), bHh.detach()));
                String what = String.format("h_t (배치 %d, D = %d, H = %d%s)", c.batch(), c.input(), c.hidden(),
                        c.zeroState() ? ", h_{t-1} = 0" : "");
                if (!check.close(what, expected, got, 1e-5, gruStepHint(got, x, h, wIh, wHh, bIh, bHh))) {
                    return;
                }
            }
        });
    }

    /** The hint for a wrong step: which known mistake gives the student's numbers. */
    private static String gruStepHint(Tensor got, Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        if (got == null || got.dim() != 2 || got.size(0) != x.size(0) || got.size(1) != h.size(1)) {
            return "결과는 다음 은닉 상태 하나, 모양 (B, H)입니다. r, z, n 세 묶음을 이어 붙인 (B, 3H)가 아닙니다.";
        }
        try (var ng = Tensor.noGrad()) {
            for (GruMistake m : GruMistake.values()) {
                if (m.step(x, h, wIh, wHh, bIh, bHh).maxAbsDiff(got) < 1e-4) {
                    return m.hint;
                }
            }
        }
        return "식을 하나씩 다시 보세요: r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), "
                + "h' = (1 - z) ⊙ n + z ⊙ h. 묶음 순서는 r, z, n입니다.";
    }

    /** Mistakes a student makes in a GRU step, each with the step it computes. */
    private enum GruMistake {
        BIAS_OUTSIDE_RESET("b_hn을 리셋 게이트 바깥에 더했습니다. b_hn은 gh_n = W_hn h + b_hn 안에 있어서 r과 함께 곱해집니다: "
                + "n = tanh(gi_n + r ⊙ gh_n)."),
        Z_SWAPPED("z와 1 - z가 바뀌었습니다. z는 이전 상태 h를 남기는 비율입니다: h' = (1 - z) ⊙ n + z ⊙ h."),
        R_Z_ORDER("r과 z 묶음의 순서가 바뀌었습니다. 묶음 순서는 r, z, n입니다 (chunk의 0번이 r, 1번이 z)."),
        NO_RESET("n을 만들 때 리셋 게이트를 빠뜨렸습니다: n = tanh(gi_n + r ⊙ gh_n)."),
        NO_TANH("n에 tanh를 씌우지 않았습니다: n = tanh(gi_n + r ⊙ gh_n).");

        final String hint;

        GruMistake(String hint) {
            this.hint = hint;
        }

        Tensor step(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
            int hidden = h.size(1);
            List<Tensor> gi = x.matmul(wIh.t()).add(bIh).chunk(3, 1);
            List<Tensor> gh = h.matmul(wHh.t()).add(bHh).chunk(3, 1);
            int rAt = this == R_Z_ORDER ? 1 : 0, zAt = this == R_Z_ORDER ? 0 : 1;
            Tensor r = gi.get(rAt).add(gh.get(rAt)).sigmoid();
            Tensor z = gi.get(zAt).add(gh.get(zAt)).sigmoid();
            Tensor preN = switch (this) {
                case BIAS_OUTSIDE_RESET -> {
                    Tensor bHn = bHh.slice(0, 2 * hidden, 3 * hidden);
                    yield gi.get(2).add(bHn).add(r.mul(gh.get(2).sub(bHn)));
                }
                case NO_RESET -> gi.get(2).add(gh.get(2));
                default -> gi.get(2).add(r.mul(gh.get(2)));
            };
            Tensor n = this == NO_TANH ? preN : preN.tanh();
            return this == Z_SWAPPED ? z.mul(n).add(z.rsub(1).mul(h)) : z.rsub(1).mul(n).add(z.mul(h));
        }
    }

    /** One case of 09-2. */
    private record CountCase(int input, int hidden, int layers, boolean bidirectional) {
    }

    /**
     * 09-2: the student's count against the library's {@code GRU.numParameters()} on six shapes
     * the page never shows: one and several layers, one and two directions, input size below and
     * above the hidden size (so that using D where H × dirs belongs, or the reverse, shows). A
     * wrong count names the mistake that gives it.
     */
    public static ExerciseResult gruParameterCount(ParameterCount student) {
        return Exercise.check(PARAMETER_COUNT.id(), PARAMETER_COUNT.title(), check -> {
            List<CountCase> cases = List.of(new CountCase(7, 3, 1, false), new CountCase(4, 6, 2, false),
                    new CountCase(5, 2, 3, true), new CountCase(9, 4, 1, true), new CountCase(3, 5, 2, true),
                    new CountCase(1, 1, 1, false));
            for (CountCase c : cases) {
                long expected = new GRU(c.input(), c.hidden(),
                        GRU.options().numLayers(c.layers()).bidirectional(c.bidirectional())).numParameters();
                long got = check.call(() -> student.apply(c.input(), c.hidden(), c.layers(), c.bidirectional()));
                check.equal(String.format("D = %d, H = %d, 층 %d, %s", c.input(), c.hidden(), c.layers(),
                        c.bidirectional() ? "양방향" : "단방향"), expected, got, countHint(c, got));
            }
        });
    }

    private static String countHint(CountCase c, long got) {
        int dirs = c.bidirectional() ? 2 : 1;
        if (got == count(c, 3, dirs, c.hidden(), 2)) {
            return "둘째 층부터 입력 크기를 H로 셌습니다. 양방향이면 아래층의 출력은 두 방향을 이어 붙인 H × 2입니다.";
        }
        if (got == count(c, 3, dirs, 0, 2)) {
            return "모든 층의 입력 크기를 D로 셌습니다. 둘째 층부터 입력은 아래층의 출력(H × 방향 수)입니다.";
        }
        if (got == count(c, 3, 1, c.hidden() * dirs, 2)) {
            return "방향마다 가중치와 편향이 한 벌씩 따로 있습니다: 양방향이면 층마다 두 배입니다.";
        }
        if (got == count(c, 3, dirs, c.hidden() * dirs, 1)) {
            return "편향은 b_ih와 b_hh 두 개라서 묶음마다 2H입니다.";
        }
        if (got == count(c, 4, dirs, c.hidden() * dirs, 2) || got == count(c, 1, dirs, c.hidden() * dirs, 2)) {
            return "GRU의 묶음 수는 r, z, n 세 개입니다 (LSTM은 넷, 기본 RNN은 하나).";
        }
        return "한 층, 한 방향마다 3 × (H × 입력 크기 + H × H + 2H)를 더합니다. 입력 크기는 첫 층이 D, 그 위로는 H × 방향 수입니다.";
    }

    /**
     * A GRU-like count: {@code gates} blocks, {@code dirs} directions, inputs above the first
     * layer of size {@code upperInput} (0: D), {@code biases} bias vectors per block.
     */
    private static long count(CountCase c, int gates, int dirs, int upperInput, int biases) {
        long n = 0;
        int h = c.hidden();
        for (int layer = 0; layer < c.layers(); layer++) {
            int in = layer == 0 || upperInput == 0 ? c.input() : upperInput;
            n += (long) dirs * gates * ((long) h * in + (long) h * h + (long) biases * h);
        }
        return n;
    }
}
