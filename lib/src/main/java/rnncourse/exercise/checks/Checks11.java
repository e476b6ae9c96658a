package rnncourse.exercise.checks;

import rnncourse.data.Lang;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.Embedding;
import rnncourse.nn.GRU;
import rnncourse.nn.Linear;
import rnncourse.nn.NLLLoss;
import rnncourse.optim.SGD;
import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The checks of notebook 11 (seq2seq 번역): the loss without teacher forcing, one training step
 * with a teacher-forcing ratio, and an experiment that trains one model per ratio.
 *
 * <p>The exercises see an encoder–decoder through {@link Seq2Seq} and sentence pairs as word
 * ids ({@link Pair}), so that the checks build fresh models of their own sizes (here: the
 * notebook's Embedding + GRU encoder and Embedding + GRU + Linear + LogSoftmax decoder) and
 * vocabularies the page never shows. The notebook wraps its own {@code Encoder} and
 * {@code Decoder} in a {@code Seq2Seq} to run the same functions on its data.
 */
public final class Checks11 {

    /** The exercises of notebook 11, in notebook order, with their hints. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("11-1", "교사 강요 없이 잰 손실", List.of(
                    "8절의 translate처럼 model.encode로 문맥 벡터를 만들고 <SOS>부터 model.decode를 부르되, 다음 입력은 정답이 아니라 이번 시점에 로그 확률이 가장 큰 단어입니다.",
                    "<EOS>가 나와도 멈추지 않고 pair.target().length번(번역문 단어 수 + <EOS>) 진행하며 시점마다 NLL(로그 확률, 정답 단어)을 더하고, 그 합을 단계 수로 나눕니다. 인자로 받은 model만 쓰세요.",
                    "시점 t: var s = model.decode(input, hidden); sum += nll.forward(s.logProbs(), Tensor.tensorLong(target[t])).item(); input = Tensor.tensorLong(s.logProbs().argmax(1).toIntArray()[0]); hidden = s.hidden();")),
            new ExerciseInfo("11-2", "교사 강요 비율로 한 걸음 학습", List.of(
                    "7절의 trainStep과 같습니다(zeroGrad, 손실의 합에 backward, 두 옵티마이저의 step). 달라지는 것은 다음 입력뿐입니다.",
                    "동전은 문장마다 딱 한 번, 맨 앞에서 던집니다: boolean forcing = rng.nextDouble() < ratio; 시점마다 던지면 rng를 여러 번 쓰게 됩니다.",
                    "다음 입력은 forcing ? target[t] : (이번 시점의 argmax). backward는 단계 수로 나누기 전의 합에 하고, 돌려주는 값만 loss.item() / 단계 수입니다.")),
            new ExerciseInfo("11-3", "교사 강요 비율에 따른 번역 품질", List.of(
                    "비율마다 Tensor.manualSeed(setup.seed()) 뒤에 setup.newModel().get()으로 새 모델을 만들고, 두 SGD(인코더, 디코더 파라미터, 학습률 setup.learningRate())와 new Random(setup.seed())를 새로 만듭니다.",
                    "setup.iterations()번, rng.nextInt(쌍의 수)로 고른 쌍을 trainStepWithRatio(model, encOpt, decOpt, 쌍, ratio, rng)로 학습합니다. 같은 rng로 쌍도 고르고 동전도 던집니다.",
                    "학습이 끝난 모델로 쌍마다 freeRunningLoss를 재어 평균을 내고, 자기 예측으로 디코딩한 단어들이 pair.target()과 (<EOS>까지) 모두 같은 쌍을 셉니다. new RatioResult(ratio, model, 정확한 쌍 수, 평균)을 비율 순서대로 담으세요.")));

    /** Tolerance for a loss computed in float32 in another order of operations. */
    private static final double LOSS_TOLERANCE = 1e-5;
    /** Tolerance for parameters after a short float32 training in another order of operations. */
    private static final double PARAMETER_TOLERANCE = 1e-4;

    private Checks11() {
    }

    /** An encoder–decoder as the exercises use it: the notebook's Encoder and Decoder behind one interface. */
    public interface Seq2Seq {
        /**
         * The encoder.
         *
         * @param sourceWords int64 word ids (S), ending in {@link Lang#EOS}
         * @return the context vector, the encoder's last hidden state (1, 1, H)
         */
        Tensor encode(Tensor sourceWords);

        /**
         * One decoder step.
         *
         * @param previousWord int64 (1): {@link Lang#SOS} first, then the previous word
         * @param hidden       (1, 1, H)
         * @return the next word's log-probabilities (1, V) and the new hidden state
         */
        DecoderStep decode(Tensor previousWord, Tensor hidden);

        /** @return the encoder's parameters, for its optimizer */
        List<Tensor> encoderParameters();

        /** @return the decoder's parameters, for its optimizer */
        List<Tensor> decoderParameters();
    }

    /**
     * What one decoder step gives.
     *
     * @param logProbs log-probabilities of the next word (1, V)
     * @param hidden   the new hidden state (1, 1, H)
     */
    public record DecoderStep(Tensor logProbs, Tensor hidden) {
    }

    /**
     * A sentence pair as word ids; both end in {@link Lang#EOS}, as {@code Lang.encodeWithEos} gives.
     *
     * @param source the source sentence's ids
     * @param target the translation's ids
     */
    public record Pair(int[] source, int[] target) {
        public Pair {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(source) + " → " + java.util.Arrays.toString(target);
        }
    }

    /**
     * What 11-3 trains on.
     *
     * @param newModel     a fresh, untrained model each call (seed first with {@code Tensor.manualSeed})
     * @param pairs        the training pairs, also used to measure
     * @param iterations   training steps per ratio
     * @param learningRate the SGD learning rate of both optimizers
     * @param seed         seeds the weights ({@code Tensor.manualSeed}) and the {@code Random} that picks pairs and tosses coins
     */
    public record Setup(Supplier<Seq2Seq> newModel, List<Pair> pairs, int iterations, double learningRate, long seed) {
        public Setup {
            Objects.requireNonNull(newModel, "newModel");
            pairs = List.copyOf(pairs);
        }
    }

    /**
     * The outcome of training with one teacher-forcing ratio.
     *
     * @param ratio               the ratio trained with
     * @param model               the trained model
     * @param exactPairs          pairs whose greedy decoding reproduces the target, up to and including EOS
     * @param meanFreeRunningLoss the mean of {@code freeRunningLoss} over the pairs, after training
     */
    public record RatioResult(double ratio, Seq2Seq model, int exactPairs, double meanFreeRunningLoss) {
    }

    /** The student's 11-1. */
    @FunctionalInterface
    public interface FreeRunningLoss {
        /** @return the mean NLL per step, feeding the decoder its own argmax, for target.length steps */
        double apply(Seq2Seq model, Pair pair) throws Exception;
    }

    /** The student's 11-2. */
    @FunctionalInterface
    public interface TrainStepWithRatio {
        /** @return the loss per step of this training step */
        double apply(Seq2Seq model, SGD encoderOptimizer, SGD decoderOptimizer, Pair pair, double ratio, Random rng)
                throws Exception;
    }

    /** The student's 11-3. */
    @FunctionalInterface
    public interface MeasureTeacherForcing {
        /** @return one result per ratio, in the order of {@code ratios} */
        List<RatioResult> apply(Setup setup, double[] ratios) throws Exception;
    }

    /**
     * 11-1: three fresh models of sizes the page never uses (one whose decoder favours EOS, so
     * that stopping at the first EOS shows; one with sharpened decoder weights, whose chosen word
     * changes from step to step, so that feeding a stale word shows), pairs of random word ids including a one-word
     * source and a target that is EOS alone; the loss per step must match to 1e-5.
     *
     * @param student {@code (model, pair) -> freeRunningLoss(model, pair)}
     * @return the result box
     */
    public static ExerciseResult freeRunningLoss(FreeRunningLoss student) {
        return Exercise.check("11-1", EXERCISES.get(0).title(), check -> {
            Random rng = new Random(1101);
            Tensor.manualSeed(1101);
            List<GruSeq2Seq> models = List.of(new GruSeq2Seq(11, 9, 6), new GruSeq2Seq(8, 12, 5).favourEos(2.5),
                    new GruSeq2Seq(9, 13, 7).sharpen(4));
            for (int m = 0; m < models.size(); m++) {
                GruSeq2Seq model = models.get(m);
                List<Pair> pairs = randomPairs(rng, model, 3);
                pairs.add(new Pair(new int[]{2 + rng.nextInt(model.sourceVocab - 2), Lang.EOS},
                        new int[]{2 + rng.nextInt(model.targetVocab - 2), 3, Lang.EOS}));
                pairs.add(new Pair(new int[]{3, 2, Lang.EOS}, new int[]{Lang.EOS}));
                for (Pair pair : pairs) {
                    double expected = referenceFreeRunningLoss(model, pair);
                    double got = check.call(() -> student.apply(model, copy(pair)));
                    check.close(String.format("모델 %d (은닉 %d, 어휘 %d), 쌍 %s의 단어당 손실", m + 1, model.hiddenSize,
                                    model.targetVocab, pair), expected, got, LOSS_TOLERANCE,
                            "다음 입력이 정답 단어가 아니라 디코더가 고른 단어(argmax)인지, <EOS>가 나와도 멈추지 않고 "
                                    + "pair.target().length번 진행해 그 수로 나눴는지, 인자로 받은 model을 썼는지 확인하세요.");
                }
            }
        });
    }

    /**
     * 11-2: per ratio 1, 0 and 0.5, two identical fresh models, one trained by the reference
     * and one by the student for six steps with equally seeded {@code Random}s; the loss of
     * every step, every parameter afterwards and the {@code Random}'s state (one coin per
     * sentence) must agree.
     *
     * @param student {@code (model, encOpt, decOpt, pair, ratio, rng) -> trainStepWithRatio(model, encOpt, decOpt, pair, ratio, rng)}
     * @return the result box
     */
    public static ExerciseResult trainStepWithRatio(TrainStepWithRatio student) {
        return Exercise.check("11-2", EXERCISES.get(1).title(), check -> {
            Random pick = new Random(1102);
            for (double ratio : new double[]{1.0, 0.0, 0.5}) {
                long seed = 1102 + Math.round(10 * ratio);
                Tensor.manualSeed(seed);
                GruSeq2Seq reference = new GruSeq2Seq(10, 9, 7);
                Tensor.manualSeed(seed);
                GruSeq2Seq students = new GruSeq2Seq(10, 9, 7);
                List<Pair> pairs = randomPairs(new Random(seed), reference, 4);
                SGD refEnc = new SGD(reference.encoderParameters(), 0.1), refDec = new SGD(reference.decoderParameters(), 0.1);
                SGD stuEnc = new SGD(students.encoderParameters(), 0.1), stuDec = new SGD(students.decoderParameters(), 0.1);
                Random refRng = new Random(seed);
                CountingRandom stuRng = new CountingRandom(seed);
                String firstBad = null;
                for (int step = 0; step < 6; step++) {
                    Pair pair = pairs.get(pick.nextInt(pairs.size()));
                    double expected = referenceTrainStep(reference, refEnc, refDec, pair, ratio, refRng);
                    double got = check.call(() -> student.apply(students, stuEnc, stuDec, copy(pair), ratio, stuRng));
                    if (firstBad == null && !(Math.abs(expected - got) <= LOSS_TOLERANCE)) {
                        firstBad = String.format("%d번째 걸음에서 다름 (차이 %.2e)", step + 1, Math.abs(expected - got));
                    }
                }
                check.that("비율 " + ratio + ": 새 모델을 6걸음 학습하며 돌려준 단어당 손실", firstBad == null,
                        "모든 걸음에서 일치 (차이 ≤ 1e-5)", firstBad == null ? "일치" : firstBad,
                        ratio == 1.0 ? "비율 1이면 7절의 trainStep과 같아야 합니다. 돌려주는 값은 손실의 합 / 단계 수입니다."
                                : ratio == 0.0 ? "비율 0이면 늘 자기 예측(argmax)을 다음 입력으로 씁니다."
                                : "rng.nextDouble() < ratio가 참일 때 교사 강요입니다. 동전은 문장마다 한 번만 던지세요.");
                check.close("비율 " + ratio + ": 6걸음 학습한 뒤 모든 파라미터의 최대 차이", 0,
                        maxParameterDifference(reference, students), PARAMETER_TOLERANCE,
                        "zeroGrad를 걸음마다 했는지, 단계 수로 나누기 전의 손실 합에 backward를 했는지, 두 옵티마이저 모두 step을 했는지 확인하세요.");
                int tosses = stuRng.doubles;
                check.that("비율 " + ratio + ": 6걸음 동안 rng.nextDouble()을 부른 횟수", tosses == 6, "6번 (문장마다 한 번)",
                        tosses + "번", "rng.nextDouble()은 문장마다 딱 한 번(시점마다가 아니라), 비율이 0이나 1이어도 부릅니다.");
                check.that("비율 " + ratio + ": rng를 동전 말고 다른 데에도 썼는가", refRng.nextLong() == stuRng.nextLong(),
                        "동전 한 번 말고는 쓰지 않음", "다른 수도 뽑음 (또는 동전 횟수가 다름)",
                        "rng는 문장마다 동전 한 번(rng.nextDouble() < ratio)에만 씁니다.");
            }
        });
    }

    /**
     * 11-3: a fresh setup (its own vocabularies, model size, pairs, seed) and the ratios 0, 1
     * and 0.5 in that order. Each returned model must equal the one the reference trains with
     * that ratio (so a function that never trains, or trains every ratio alike, fails), and the
     * two numbers must be those of the returned model.
     *
     * @param student {@code (setup, ratios) -> measureTeacherForcing(setup, ratios)}
     * @return the result box
     */
    public static ExerciseResult measureTeacherForcing(MeasureTeacherForcing student) {
        return Exercise.check("11-3", EXERCISES.get(2).title(), check -> {
            Random rng = new Random(1103);
            GruSeq2Seq shape = new GruSeq2Seq(9, 8, 6);
            List<Pair> pairs = randomPairs(rng, shape, 4);
            Setup setup = new Setup(() -> new GruSeq2Seq(9, 8, 6), pairs, 60, 0.2, 1103);
            double[] ratios = {0.0, 1.0, 0.5};
            List<RatioResult> results = check.call(() -> student.apply(setup, ratios.clone()));
            if (!check.equal("결과의 개수", ratios.length, results == null ? 0 : results.size(), "비율마다 결과 하나씩입니다.")) {
                return;
            }
            Tensor.manualSeed(setup.seed());
            GruSeq2Seq untrained = setup.newModel().get() instanceof GruSeq2Seq g ? g : null;
            for (int k = 0; k < ratios.length; k++) {
                RatioResult r = results.get(k);
                String name = "비율 " + ratios[k];
                if (!check.that(k + "번째 결과", r != null && r.model() instanceof GruSeq2Seq, "setup.newModel()이 만든 모델",
                        r == null ? "null" : String.valueOf(r.model()), "모델은 setup.newModel().get()으로 새로 만드세요.")) {
                    continue;
                }
                check.close(k + "번째 결과의 비율", ratios[k], r.ratio(), 0, "ratios의 순서대로 돌려주세요.");
                GruSeq2Seq got = (GruSeq2Seq) r.model();
                GruSeq2Seq expected = referenceTraining(setup, ratios[k]);
                double fromUntrained = maxParameterDifference(untrained, got);
                check.that(name + ": 학습했는가 (학습 전 모델과의 파라미터 차이)", fromUntrained > 0, "0보다 큼",
                        fromUntrained > 0 ? "학습함" : "학습 전 모델 그대로",
                        "setup.iterations()번 trainStepWithRatio로 학습한 뒤의 모델을 돌려주세요.");
                check.close(name + ": 같은 시드와 비율로 학습한 모델과의 파라미터 최대 차이", 0,
                        maxParameterDifference(expected, got), PARAMETER_TOLERANCE,
                        "비율마다 Tensor.manualSeed(seed) 뒤에 새 모델, 새 SGD(학습률 setup.learningRate()), new Random(seed)를 만들고, "
                                + "그 비율로(다른 비율이 아니라) setup.iterations()번 학습했나요? 쌍은 같은 rng의 nextInt로 고릅니다.");
                check.equal(name + ": 정확히 번역한 쌍의 수", referenceExactPairs(got, pairs), r.exactPairs(),
                        "돌려준 모델로, 자기 예측을 다음 입력으로 디코딩한 단어들이 pair.target()과 <EOS>까지 모두 같은 쌍만 셉니다.");
                check.close(name + ": 평균 freeRunningLoss", referenceMeanFreeRunningLoss(got, pairs), r.meanFreeRunningLoss(),
                        LOSS_TOLERANCE, "학습 중의 손실이 아니라, 학습이 끝난 모델로 모든 쌍에 대해 잰 freeRunningLoss의 평균입니다.");
            }
        });
    }

    // ---- the reference computations -------------------------------------------------------

    private static double referenceFreeRunningLoss(Seq2Seq model, Pair pair) {
        NLLLoss nll = new NLLLoss();
        try (var ng = Tensor.noGrad()) {
            Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
            Tensor input = Tensor.tensorLong(Lang.SOS);
            double sum = 0;
            for (int word : pair.target()) {
                DecoderStep step = model.decode(input, hidden);
                sum += nll.forward(step.logProbs(), Tensor.tensorLong(word)).item();
                input = Tensor.tensorLong(step.logProbs().argmax(1).toIntArray()[0]);
                hidden = step.hidden();
            }
            return sum / pair.target().length;
        }
    }

    private static double referenceMeanFreeRunningLoss(Seq2Seq model, List<Pair> pairs) {
        double sum = 0;
        for (Pair p : pairs) {
            sum += referenceFreeRunningLoss(model, p);
        }
        return sum / pairs.size();
    }

    private static int referenceExactPairs(Seq2Seq model, List<Pair> pairs) {
        int exact = 0;
        try (var ng = Tensor.noGrad()) {
            for (Pair p : pairs) {
                Tensor hidden = model.encode(Tensor.tensorLong(p.source()));
                Tensor input = Tensor.tensorLong(Lang.SOS);
                boolean same = true;
                for (int word : p.target()) {
                    DecoderStep step = model.decode(input, hidden);
                    int best = step.logProbs().argmax(1).toIntArray()[0];
                    if (best != word) {
                        same = false;
                        break;
                    }
                    input = Tensor.tensorLong(best);
                    hidden = step.hidden();
                }
                exact += same ? 1 : 0;
            }
        }
        return exact;
    }

    private static double referenceTrainStep(Seq2Seq model, SGD encOpt, SGD decOpt, Pair pair, double ratio, Random rng) {
        boolean forcing = rng.nextDouble() < ratio;
        NLLLoss nll = new NLLLoss();
        int[] target = pair.target();
        encOpt.zeroGrad();
        decOpt.zeroGrad();
        Tensor hidden = model.encode(Tensor.tensorLong(pair.source()));
        Tensor input = Tensor.tensorLong(Lang.SOS);
        Tensor loss = Tensor.scalar(0);
        for (int word : target) {
            DecoderStep step = model.decode(input, hidden);
            loss = loss.add(nll.forward(step.logProbs(), Tensor.tensorLong(word)));
            input = Tensor.tensorLong(forcing ? word : step.logProbs().argmax(1).toIntArray()[0]);
            hidden = step.hidden();
        }
        loss.backward();
        encOpt.step();
        decOpt.step();
        return loss.item() / target.length;
    }

    private static GruSeq2Seq referenceTraining(Setup setup, double ratio) {
        Tensor.manualSeed(setup.seed());
        GruSeq2Seq model = (GruSeq2Seq) setup.newModel().get();
        SGD enc = new SGD(model.encoderParameters(), setup.learningRate());
        SGD dec = new SGD(model.decoderParameters(), setup.learningRate());
        Random rng = new Random(setup.seed());
        for (int i = 0; i < setup.iterations(); i++) {
            referenceTrainStep(model, enc, dec, setup.pairs().get(rng.nextInt(setup.pairs().size())), ratio, rng);
        }
        return model;
    }

    private static double maxParameterDifference(GruSeq2Seq a, GruSeq2Seq b) {
        List<Tensor> pa = a.allParameters(), pb = b.allParameters();
        double worst = 0;
        for (int i = 0; i < pa.size(); i++) {
            worst = Math.max(worst, pa.get(i).maxAbsDiff(pb.get(i)));
        }
        return worst;
    }

    /** Pairs of random word ids (2 to 4 source words, 1 to 3 target words, each with EOS). */
    private static List<Pair> randomPairs(Random rng, GruSeq2Seq model, int count) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(new Pair(randomSentence(rng, 2 + rng.nextInt(3), model.sourceVocab),
                    randomSentence(rng, 1 + rng.nextInt(3), model.targetVocab)));
        }
        return pairs;
    }

    private static int[] randomSentence(Random rng, int words, int vocab) {
        int[] ids = new int[words + 1];
        for (int i = 0; i < words; i++) {
            ids[i] = 2 + rng.nextInt(vocab - 2);   // 0 and 1 are SOS and EOS
        }
        ids[words] = Lang.EOS;
        return ids;
    }

    /** A {@code Random} that counts the student's {@code nextDouble()} calls (the coin tosses). */
    private static final class CountingRandom extends Random {
        private static final long serialVersionUID = 1L;
        int doubles;

        CountingRandom(long seed) {
            super(seed);
        }

        @Override
        public double nextDouble() {
            doubles++;
            return super.nextDouble();
        }
    }

    private static Pair copy(Pair p) {
        return new Pair(p.source().clone(), p.target().clone());
    }

    /**
     * The notebook's encoder (Embedding + GRU) and decoder (Embedding + GRU + Linear +
     * LogSoftmax), at sizes of the check's choosing.
     */
    static final class GruSeq2Seq implements Seq2Seq {
        final int sourceVocab;
        final int targetVocab;
        final int hiddenSize;
        private final Embedding encoderEmbedding;
        private final GRU encoderGru;
        private final Embedding decoderEmbedding;
        private final GRU decoderGru;
        private final Linear out;

        GruSeq2Seq(int sourceVocab, int targetVocab, int hiddenSize) {
            this.sourceVocab = sourceVocab;
            this.targetVocab = targetVocab;
            this.hiddenSize = hiddenSize;
            encoderEmbedding = new Embedding(sourceVocab, hiddenSize);
            encoderGru = new GRU(hiddenSize, hiddenSize);
            decoderEmbedding = new Embedding(targetVocab, hiddenSize);
            decoderGru = new GRU(hiddenSize, hiddenSize);
            out = new Linear(hiddenSize, targetVocab);
        }

        /**
         * Scales the decoder's embedding and output weights by {@code factor}, so that the chosen
         * word changes with the word fed in: with small random weights greedy decoding repeats one
         * word, and feeding the wrong word (a stale or repeated one) would not show.
         */
        GruSeq2Seq sharpen(double factor) {
            try (var ng = Tensor.noGrad()) {
                decoderEmbedding.parameters().forEach(p -> p.mul_(factor));
                out.weight().mul_(factor);
            }
            return this;
        }

        /** Adds {@code amount} to the EOS logit's bias, so that greedy decoding emits EOS early. */
        GruSeq2Seq favourEos(double amount) {
            try (var ng = Tensor.noGrad()) {
                out.bias().set(out.bias().get(Lang.EOS) + amount, Lang.EOS);
            }
            return this;
        }

        @Override
        public Tensor encode(Tensor sourceWords) {
            Tensor x = encoderEmbedding.forward(sourceWords).view(sourceWords.size(0), 1, hiddenSize);
            return encoderGru.forward(x).hN();
        }

        @Override
        public DecoderStep decode(Tensor previousWord, Tensor hidden) {
            Tensor x = decoderEmbedding.forward(previousWord).view(1, 1, hiddenSize);
            GRU.Output o = decoderGru.forward(x, hidden);
            return new DecoderStep(out.forward(o.output().select(0, 0)).logSoftmax(1), o.hN());
        }

        @Override
        public List<Tensor> encoderParameters() {
            List<Tensor> p = new ArrayList<>(encoderEmbedding.parameters());
            p.addAll(encoderGru.parameters());
            return p;
        }

        @Override
        public List<Tensor> decoderParameters() {
            List<Tensor> p = new ArrayList<>(decoderEmbedding.parameters());
            p.addAll(decoderGru.parameters());
            p.addAll(out.parameters());
            return p;
        }

        List<Tensor> allParameters() {
            List<Tensor> p = new ArrayList<>(encoderParameters());
            p.addAll(decoderParameters());
            return p;
        }

        @Override
        public String toString() {
            return "Seq2Seq(어휘 " + sourceVocab + " → " + targetVocab + ", 은닉 " + hiddenSize + ")";
        }
    }
}
