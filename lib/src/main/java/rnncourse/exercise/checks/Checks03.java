package rnncourse.exercise.checks;

import rnncourse.data.CharVocab;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.RNN;
import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The hidden checks of notebook 03 (RNN 레이어 기초): predicting the shapes of an {@code RNN}'s
 * outputs, and which sequence a layer without {@code batchFirst} really read.
 */
public final class Checks03 {

    private static final String SHAPES_TITLE = "RNN 출력 모양 예측";
    private static final String SEQ_FIRST_TITLE = "seq-first로 읽힌 시퀀스";
    private static final String LETTERS = "helo";

    /** The exercises of notebook 03 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("03-1", SHAPES_TITLE, List.of(
                    "output()은 모든 시점의 맨 위 층 은닉 상태이고, hN()은 층마다(방향마다) 마지막 시점의 은닉 상태입니다. 두 모양을 따로 생각하세요.",
                    "output()의 앞 두 축은 입력과 같은 순서(batchFirst면 (batch, seq), 아니면 (seq, batch))이고, 양방향이면 두 방향을 이어 붙여 마지막 축이 두 배가 됩니다.",
                    "방향 수를 dirs(양방향 2, 아니면 1)라 하면 output은 (batch, seq, dirs·hidden) 또는 (seq, batch, dirs·hidden), hN은 batchFirst와 상관없이 (layers·dirs, batch, hidden)입니다.")),
            new ExerciseInfo("03-2", SEQ_FIRST_TITLE, List.of(
                    "batchFirst가 없으면 레이어는 (단어 수, 글자 수, 4) 텐서의 0번 축을 시간으로 읽습니다. 시간 축의 길이는 몇인가요?",
                    "시간 t에 레이어가 읽는 (글자 수, 4) 조각은 t번째 단어입니다. 그 조각의 b번째 행이 b번째 시퀀스의 시간 t 입력입니다.",
                    "단어마다(0번 단어부터 순서대로) b번째 글자를 모아 이어 붙이면 됩니다: words[0].charAt(b), words[1].charAt(b), …")));

    /** Student code of 03-1. */
    @FunctionalInterface
    public interface PredictShapes {
        /** @return {shape of output(), shape of hN()} */
        int[][] predictShapes(int batch, int seq, int feat, int hidden, int layers, boolean bi, boolean batchFirst)
                throws Exception;
    }

    /** Student code of 03-2. */
    @FunctionalInterface
    public interface SequenceSeenSeqFirst {
        /** @return the letters a layer without batchFirst read as its sequence b, in reading order */
        String sequenceSeenSeqFirst(String[] words, int b) throws Exception;
    }

    private Checks03() {
    }

    /**
     * 03-1: six settings covering every combination of bidirectional and batchFirst, 1 to 3
     * layers, batch 1, length 1 and one feature, with batch, length, hidden size and
     * layers × directions different from each other in every setting (so no two axes can be
     * swapped unnoticed). The expected shapes come from running a real layer on zeros.
     */
    public static ExerciseResult predictShapes(PredictShapes student) {
        return Exercise.check("03-1", SHAPES_TITLE, check -> {
            Object[][] settings = {
                    {3, 5, 4, 6, 1, false, true},
                    {2, 7, 3, 5, 2, true, false},
                    {1, 4, 6, 3, 3, true, true},
                    {4, 1, 2, 7, 2, false, false},
                    {5, 3, 1, 2, 1, true, false},
                    {6, 2, 5, 4, 3, false, true}};
            Tensor.manualSeed(2430);
            for (Object[] s : settings) {
                int batch = (int) s[0], seq = (int) s[1], feat = (int) s[2], hidden = (int) s[3], layers = (int) s[4];
                boolean bi = (boolean) s[5], batchFirst = (boolean) s[6];
                RNN layer = new RNN(feat, hidden, RNN.options().numLayers(layers).bidirectional(bi).batchFirst(batchFirst));
                RNN.Output result;
                try (var ng = Tensor.noGrad()) {
                    result = layer.forward(batchFirst ? Tensor.zeros(batch, seq, feat) : Tensor.zeros(seq, batch, feat));
                }
                int[][] got = check.call(() -> student.predictShapes(batch, seq, feat, hidden, layers, bi, batchFirst));
                String setting = String.format("batch %d, seq %d, feat %d, hidden %d, 층 %d%s%s", batch, seq, feat, hidden, layers,
                        bi ? ", 양방향" : "", batchFirst ? ", batchFirst" : ", batchFirst 없음");
                if (got == null || got.length != 2 || got[0] == null || got[1] == null) {
                    check.that(setting, false, "{output 모양, hN 모양} 두 배열",
                            got == null ? "null" : got.length != 2 ? got.length + "개" : "null이 든 배열",
                            "new int[][]{output의 모양, hN의 모양}을 돌려주세요.");
                    continue;
                }
                check.equal(setting + "의 output() 모양", result.output().shapeArray(), got[0],
                        "output의 앞 두 축은 입력과 같은 순서이고, 마지막 축은 (방향 수 × hidden)입니다.");
                check.equal(setting + "의 hN() 모양", result.hN().shapeArray(), got[1],
                        "hN()은 batchFirst와 상관없이 (층 수 × 방향 수, batch, hidden)입니다.");
            }
        });
    }

    /**
     * 03-2: fresh words of h, e, l, o (seed 2431), a fixed first case in which the b-th word,
     * the letters in reverse and the letters from word 1 on all differ from the answer, later
     * cases with b beyond the number of words, and a single word. The answer is judged by the
     * layer itself: a batchFirst layer with the same weights reads the returned string, and its
     * h_n must equal the b-th h_n of the layer without batchFirst. The check stops at the first
     * case that differs.
     */
    public static ExerciseResult sequenceSeenSeqFirst(SequenceSeenSeqFirst student) {
        return Exercise.check("03-2", SEQ_FIRST_TITLE, check -> {
            CharVocab vocab = CharVocab.inOrder(LETTERS);
            List<String[]> wordSets = new ArrayList<>();
            List<Integer> batchIndex = new ArrayList<>();
            wordSets.add(new String[]{"lohel", "ehllo", "hoelh"});
            batchIndex.add(2);
            Random rng = new Random(2431);
            for (int trial = 0; trial < 4; trial++) {
                int count = trial == 3 ? 1 : 2 + rng.nextInt(3), length = count + 1 + rng.nextInt(3);
                String[] ws = new String[count];
                for (int w = 0; w < count; w++) {
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < length; c++) {
                        sb.append(LETTERS.charAt(rng.nextInt(LETTERS.length())));
                    }
                    ws[w] = sb.toString();
                }
                wordSets.add(ws);
                batchIndex.add(rng.nextInt(length));   // the layer's batch axis is the letter position
            }
            for (int i = 0; i < wordSets.size(); i++) {
                String[] ws = wordSets.get(i);
                int b = batchIndex.get(i);
                Tensor.manualSeed(2431 + i);
                RNN seqFirstLayer = new RNN(4, 3);
                RNN batchFirstLayer = new RNN(4, 3, RNN.options().batchFirst(true));
                Tensor layerState, mine;
                try (var ng = Tensor.noGrad()) {
                    seqFirstLayer.namedParameters().forEach((name, w) -> batchFirstLayer.namedParameters().get(name).copy_(w));
                    Tensor batch = Tensor.stack(0, Arrays.stream(ws).map(vocab::oneHot).toArray(Tensor[]::new));
                    layerState = seqFirstLayer.forward(batch).hN().select(1, b);   // (1, 3)
                }
                String got = check.call(() -> student.sequenceSeenSeqFirst(ws.clone(), b));
                String what = "단어 " + String.join(", ", ws) + "에서 b = " + b;
                if (got == null || got.isEmpty() || !got.chars().allMatch(ch -> LETTERS.indexOf(ch) >= 0)) {
                    check.that(what, false, "h, e, l, o로 된 문자열", got == null ? "null" : "\"" + got + "\"",
                            "레이어가 읽은 글자들을 이어 붙인 문자열을 돌려주세요.");
                    return;
                }
                try (var ng = Tensor.noGrad()) {
                    mine = batchFirstLayer.forward(vocab.oneHot(got).unsqueeze(0)).hN().select(1, 0);
                }
                boolean ok = check.close(what + ": 돌려준 \"" + got + "\"를 같은 가중치의 레이어가 읽은 h_n", layerState, mine, 1e-6,
                        "0번 축이 시간이므로 레이어는 단어 하나를 읽지 않습니다. 시간 t의 입력은 t번째 단어의 b번째 글자이고, t는 0번 단어부터 셉니다.");
                if (!ok) {
                    return;
                }
            }
        });
    }
}
