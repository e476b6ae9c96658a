package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.io.StateDicts;
import rnncourse.nn.GRU;
import rnncourse.nn.LSTM;
import rnncourse.nn.Linear;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The checks of notebook 14 (PyTorch와 주고받기): the forget gate's rows of a state dict, a
 * sub-module's state dict by key prefix, and the tensor bytes of a safetensors file.
 */
public final class Checks14 {

    /** The exercises of notebook 14, in notebook order, with their hints. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("14-1", "망각 게이트의 가중치 꺼내기", List.of(
                    "weight_ih_l{층}은 네 게이트의 가중치를 세로(0번 차원)로 쌓은 (4·H, 입력 크기) 행렬입니다. 게이트 순서는 i, f, g, o입니다.",
                    "망각 게이트 f는 두 번째 덩어리라서 행 H부터 2H 앞까지입니다. 층 번호로 키 이름을 만드세요: \"weight_ih_l\" + layer.",
                    "state.get(\"weight_ih_l\" + layer).slice(0, hiddenSize, 2 * hiddenSize)")),
            new ExerciseInfo("14-2", "하위 모듈의 state dict 떼어 내기", List.of(
                    "키가 접두사로 시작하는지는 k.startsWith(prefix)로, 접두사를 뗀 나머지는 k.substring(prefix.length())로 얻습니다.",
                    "키의 첫 조각(첫 점 앞)만 보거나 replace로 지우면, \"lstm.cell.\"처럼 점이 여럿인 접두사나 \"lstm2.\"처럼 비슷한 이름에서 틀립니다. 순서를 지키려면 LinkedHashMap에 담으세요.",
                    "state.forEach((k, v) -> { if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v); }); return out;")),
            new ExerciseInfo("14-3", "safetensors 파일의 크기 예측하기", List.of(
                    "텐서 하나가 차지하는 바이트는 (원소 수) × (원소 하나의 바이트 수)입니다. 원소 수는 t.numel()입니다.",
                    "원소 하나의 크기는 자료형에 따라 다릅니다. t.dtype()이 FLOAT32면 4바이트, FLOAT64와 INT64는 8바이트입니다.",
                    "for (Tensor t : state.values()) total += (long) t.numel() * (t.dtype() == DType.FLOAT32 ? 4 : 8);")));

    private Checks14() {
    }

    /** The student's 14-1: the forget gate's input weights W_if (H, layer input) of an LSTM state dict. */
    @FunctionalInterface
    public interface ForgetGateWeights {
        /**
         * @param state      an {@code LSTM}'s state dict
         * @param layer      the layer, from 0
         * @param hiddenSize H
         * @return W_if, rows H..2H-1 of {@code weight_ih_l{layer}}
         */
        Tensor apply(Map<String, Tensor> state, int layer, int hiddenSize) throws Exception;
    }

    /** The student's 14-2: the entries under a key prefix, with the prefix removed. */
    @FunctionalInterface
    public interface SubDict {
        /**
         * @param state  a state dict with dotted keys
         * @param prefix for example {@code "lstm."}
         * @return the entries whose key starts with {@code prefix}, keys without it, in order
         */
        Map<String, Tensor> apply(Map<String, Tensor> state, String prefix) throws Exception;
    }

    /** The student's 14-3: the bytes the tensors of a state dict take in a safetensors file. */
    @FunctionalInterface
    public interface TensorBytes {
        /**
         * @param state tensors of any course dtype
         * @return the sum of numel × element size
         */
        long apply(Map<String, Tensor> state) throws Exception;
    }

    /**
     * 14-1: three fresh LSTMs whose input size, hidden size and layer count all differ (so that
     * the input weights and the hidden weights never have the same shape by accident, and one
     * trial asks for layer 0 of a two-layer LSTM), compared exactly with rows H..2H-1.
     *
     * @param student {@code (state, layer, hiddenSize) -> forgetGateWeights(state, layer, hiddenSize)}
     * @return the result box
     */
    public static ExerciseResult forgetGateWeights(ForgetGateWeights student) {
        return Exercise.check("14-1", EXERCISES.get(0).title(), check -> {
            Tensor.manualSeed(1401);
            // (input, hidden, layers, asked layer): the second layer's input is H, the first one's is not
            int[][] trials = {{5, 3, 1, 0}, {2, 4, 2, 1}, {6, 2, 2, 0}};
            for (int[] trial : trials) {
                int in = trial[0], hidden = trial[1], layers = trial[2], layer = trial[3];
                Map<String, Tensor> state = new LSTM(in, hidden, LSTM.options().numLayers(layers)).stateDict();
                Tensor expected = state.get("weight_ih_l" + layer).slice(0, hidden, 2 * hidden);
                Tensor got = check.call(() -> student.apply(copyOf(state), layer, hidden));
                check.close(String.format("W_if (입력 %d, 은닉 %d, %d층 LSTM의 %d번 층)", in, hidden, layers, layer),
                        expected, got, 0,
                        "게이트 순서는 i, f, g, o이고 weight_ih_l" + layer + "에서 잘라야 합니다(weight_hh가 아니라). "
                                + "망각 게이트는 두 번째 덩어리, 행 H부터 2H 앞까지입니다.");
            }
        });
    }

    /**
     * 14-2: a state dict whose keys share beginnings ({@code lstm.}, {@code lstm.cell.},
     * {@code lstm2.}, {@code decoder.lstm.}, a key equal to the prefix, a prefix that appears
     * again later in a key), asked for three prefixes; keys and their order are compared, the
     * values must be the same, and the {@code encoder.} part must load into a fresh GRU.
     *
     * @param student {@code (state, prefix) -> subDict(state, prefix)}
     * @return the result box
     */
    public static ExerciseResult subDict(SubDict student) {
        return Exercise.check("14-2", EXERCISES.get(1).title(), check -> {
            Tensor.manualSeed(1402);
            GRU encoder = new GRU(3, 5, GRU.options().numLayers(2));
            Map<String, Tensor> whole = new LinkedHashMap<>();
            put(whole, "lstm.", new LSTM(2, 3).stateDict());
            whole.put("lstm.cell.", Tensor.randn(2));                 // a key equal to a prefix asked below
            put(whole, "lstm.cell.", new Linear(3, 2).stateDict());
            put(whole, "lstm.cell.lstm.", new Linear(2, 2).stateDict()); // the prefix again, inside the key
            put(whole, "lstm2.", new Linear(4, 3).stateDict());
            put(whole, "encoder.", encoder.stateDict());
            put(whole, "decoder.lstm.", new Linear(2, 1).stateDict());
            put(whole, "head.", new Linear(5, 4).stateDict());
            for (String prefix : List.of("lstm.", "lstm.cell.", "encoder.")) {
                Map<String, Tensor> expected = new LinkedHashMap<>();
                whole.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        expected.put(k.substring(prefix.length()), v);
                    }
                });
                Map<String, Tensor> got = check.call(() -> student.apply(new LinkedHashMap<>(whole), prefix));
                boolean keysOk = check.equal("접두사 \"" + prefix + "\"로 떼어 낸 사전의 키 (순서대로)",
                        new ArrayList<>(expected.keySet()), got == null ? null : new ArrayList<>(got.keySet()),
                        "접두사로 시작하는 키만 남기고(비슷한 이름 lstm2.나 decoder.lstm.은 빼고) 앞에서 접두사만 떼었나요? "
                                + "점이 여럿인 접두사도 통째로 떼고, 키 안에 접두사가 또 나와도 앞의 것만 뗍니다. 순서는 LinkedHashMap이 지킵니다.");
                if (keysOk) {
                    for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                        check.close("\"" + prefix + "\" 아래 \"" + e.getKey() + "\"의 값", e.getValue(), got.get(e.getKey()), 0,
                                "값은 그대로 두고 키만 바꿉니다.");
                    }
                }
                if (keysOk && prefix.equals("encoder.")) {
                    GRU fresh = new GRU(3, 5, GRU.options().numLayers(2));
                    check.run(() -> fresh.loadStateDict(got));
                    check.close("새 GRU에 넣은 weight_hh_l1", encoder.stateDict().get("weight_hh_l1"),
                            fresh.stateDict().get("weight_hh_l1"), 0, "값은 그대로 두고 키만 바꿉니다.");
                }
            }
        });
    }

    /**
     * 14-3: four state dicts, each with every dtype the safetensors writer supports (float32,
     * float64, int64) in tensors of rank 0 to 3, plus one of a single dtype each, saved for real;
     * the student's count must equal the file size minus the 8-byte length and the header.
     *
     * @param student {@code state -> tensorBytes(state)}
     * @return the result box
     */
    public static ExerciseResult tensorBytes(TensorBytes student) {
        return Exercise.check("14-3", EXERCISES.get(2).title(), check -> {
            Tensor.manualSeed(1403);
            Random rnd = new Random(1403);
            List<Map<String, Tensor>> cases = new ArrayList<>();
            for (int trial = 0; trial < 3; trial++) {
                Map<String, Tensor> state = new LinkedHashMap<>();
                int count = 3 + rnd.nextInt(3);
                for (int k = 0; k < count; k++) {
                    DType type = DType.values()[(k + trial) % DType.values().length]; // every dtype in every case
                    state.put("t" + k, randomTensor(type, 1 + k % 3, rnd));
                }
                cases.add(state);
            }
            Map<String, Tensor> ranks = new LinkedHashMap<>();
            ranks.put("scalar", Tensor.scalar(2.5));                   // rank 0: one element
            ranks.put("steps", Tensor.tensorLong(3, 1, 4, 1, 5));      // int64, rank 1
            ranks.put("cube", Tensor.zeros(DType.FLOAT64, 2, 3, 4));   // rank 3
            cases.add(ranks);
            for (DType only : DType.values()) {
                Map<String, Tensor> single = new LinkedHashMap<>();
                single.put("only", randomTensor(only, 2, rnd));
                cases.add(single);
            }
            for (int c = 0; c < cases.size(); c++) {
                Map<String, Tensor> state = cases.get(c);
                long actual = savedTensorBytes(state);
                long got = check.call(() -> student.apply(new LinkedHashMap<>(state)));
                check.equal(String.format("텐서 바이트 (경우 %d: %s)", c + 1, describe(state)), actual, got,
                        "원소 수가 아니라 바이트 수입니다. float32는 원소 하나에 4바이트, float64와 int64는 8바이트입니다. "
                                + "모양의 차원 수가 달라도(스칼라, 3차원) 원소 수는 t.numel()입니다.");
            }
        });
    }

    /** Tensor bytes of a real safetensors file: file length minus the 8-byte length and the header. */
    private static long savedTensorBytes(Map<String, Tensor> state) {
        try {
            Path f = Files.createTempFile("exercise-14-3", ".safetensors");
            try {
                StateDicts.save(state, f);
                byte[] bytes = Files.readAllBytes(f);
                long header = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                return bytes.length - 8 - header;
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tensor randomTensor(DType type, int rank, Random rnd) {
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = 1 + rnd.nextInt(5);
        }
        return type == DType.INT64 ? Tensor.zeros(DType.INT64, shape) : Tensor.randn(type, shape);
    }

    private static String describe(Map<String, Tensor> state) {
        List<String> parts = new ArrayList<>();
        state.forEach((k, t) -> parts.add(t.dtype().torchName().replace("torch.", "") + " " + t.size()));
        return String.join(", ", parts);
    }

    private static void put(Map<String, Tensor> into, String prefix, Map<String, Tensor> state) {
        state.forEach((k, v) -> into.put(prefix + k, v));
    }

    private static Map<String, Tensor> copyOf(Map<String, Tensor> state) {
        return new LinkedHashMap<>(state);
    }
}
