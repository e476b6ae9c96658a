package rnncourse.exercise.checks;

import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseInfo;
import rnncourse.exercise.ExerciseResult;
import rnncourse.nn.utils.PackedSequence;
import rnncourse.nn.utils.RnnUtils;
import rnncourse.tensor.Generator;
import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The hidden checks of notebook 12 (PackedSequence): {@code batch_sizes} by hand, the two
 * permutations of an unsorted packing, and reading one sequence back out of the packed data.
 * The expected values come from the library's {@code RnnUtils.packSequence}.
 */
public final class Checks12 {

    private static final String BATCH_SIZES_TITLE = "batch_sizes 손으로 계산하기";
    private static final String PERMUTATION_TITLE = "정렬 순열과 역순열";
    private static final String UNPACK_TITLE = "패킹된 data에서 시퀀스 꺼내기";

    /** The exercises of notebook 12 with their hints, in notebook order. */
    public static final List<ExerciseInfo> EXERCISES = List.of(
            new ExerciseInfo("12-1", BATCH_SIZES_TITLE, List.of(
                    "batch_sizes에는 시점마다 값이 하나 있습니다. 시점은 몇 개인가요? 입력이 길이 순으로 정렬되어 있다고 가정하지 마세요.",
                    "시점 t(0부터)에 살아 있는 시퀀스는 길이가 t보다 긴 것, 곧 L > t인 것입니다. 길이 L인 시퀀스는 t = 0, …, L − 1에 살아 있습니다.",
                    "결과 배열의 길이는 가장 긴 길이이고, 모든 길이 L에 대해 결과의 0번부터 L − 1번까지를 1씩 늘리면 됩니다.")),
            new ExerciseInfo("12-2", PERMUTATION_TITLE, List.of(
                    "sortedIndices의 k번째 값은 '길이 순으로 k번째인 시퀀스의 원래 번호'입니다. 길이 자체가 아니라 번호를 돌려줍니다.",
                    "번호 0, 1, …, n − 1을 길이의 내림차순으로 안정 정렬하세요(같은 길이는 원래 순서 유지). 오름차순으로 정렬한 뒤 뒤집으면 같은 길이의 순서까지 뒤집힙니다.",
                    "역순열은 result[sortedIndices[k]] = k 한 줄이면 됩니다. 순열을 그대로 돌려주는 것은 순열이 자기 자신의 역일 때만 맞습니다.")),
            new ExerciseInfo("12-3", UNPACK_TITLE, List.of(
                    "data는 시퀀스별이 아니라 시점별 묶음을 이어 붙인 것입니다. 시점 t의 묶음 크기는 batchSizes[t]입니다.",
                    "시점 t의 묶음은 batchSizes[0] + … + batchSizes[t − 1] 자리에서 시작합니다. 묶음은 시점이 지날수록 작아지므로 간격이 일정하지 않습니다.",
                    "시작 위치 start를 묶음 크기만큼 늘려 가며, k < batchSizes[t]인 시점마다 data[start + k]를 모으세요.")));

    /** Student code of 12-1. */
    @FunctionalInterface
    public interface BatchSizes {
        /** @return the batch_sizes of packing sequences of these lengths */
        int[] batchSizes(int[] lengths) throws Exception;
    }

    /** Student code of 12-2, first method. */
    @FunctionalInterface
    public interface SortedIndices {
        /** @return the original indices in decreasing order of length (ties: smaller index first) */
        int[] sortedIndices(int[] lengths) throws Exception;
    }

    /** Student code of 12-2, second method. */
    @FunctionalInterface
    public interface UnsortedIndices {
        /** @return the inverse permutation of sortedIndices */
        int[] unsortedIndices(int[] sortedIndices) throws Exception;
    }

    /** Student code of 12-3. */
    @FunctionalInterface
    public interface UnpackOne {
        /** @return the values of the k-th sequence (in length order) of packed data, in time order */
        int[] unpackOne(int[] data, int[] batchSizes, int k) throws Exception;
    }

    private Checks12() {
    }

    /**
     * 12-1: one sequence, equal lengths, all of length 1, unsorted lengths with ties and with the
     * longest in the middle, then random lengths 1 to 12 of 2 to 7 sequences (seed 1201).
     */
    public static ExerciseResult batchSizes(BatchSizes student) {
        return Exercise.check("12-1", BATCH_SIZES_TITLE, check -> {
            List<int[]> cases = new ArrayList<>(List.of(new int[]{4}, new int[]{3, 3, 3}, new int[]{1, 1},
                    new int[]{2, 6, 1, 6, 3}, new int[]{5, 11, 8}));
            Random rng = new Random(1201);
            for (int trial = 0; trial < 4; trial++) {
                int[] lengths = new int[2 + rng.nextInt(6)];
                for (int i = 0; i < lengths.length; i++) {
                    lengths[i] = 1 + rng.nextInt(12);
                }
                cases.add(lengths);
            }
            for (int[] lengths : cases) {
                int[] expected = RnnUtils.packSequence(sequencesOf(lengths), false).batchSizesArray();
                int[] got = check.call(() -> student.batchSizes(lengths.clone()));
                check.equal("길이 " + Arrays.toString(lengths) + "의 batch_sizes", expected, got,
                        "batch_sizes의 길이는 가장 긴 시퀀스의 길이이고, 첫 값은 시퀀스 개수입니다. 'L > t'로 세는지, 정렬을 가정하지 않았는지 보세요.");
            }
        });
    }

    /**
     * 12-2: lengths with many ties (where "sort ascending, then reverse" puts equal lengths in
     * the wrong order), a single sequence, all equal, strictly increasing, then random lengths
     * (seed 1202). The inverse is checked on the library's sorted indices and on random
     * permutations that are not their own inverse.
     */
    public static ExerciseResult sortedIndices(SortedIndices sorted, UnsortedIndices unsorted) {
        return Exercise.check("12-2", PERMUTATION_TITLE, check -> {
            List<int[]> cases = new ArrayList<>(List.of(new int[]{3, 5, 3, 5, 1}, new int[]{2}, new int[]{4, 4, 4, 4},
                    new int[]{1, 2, 3, 4, 5, 6}));
            Random rng = new Random(1202);
            for (int trial = 0; trial < 4; trial++) {
                int[] lengths = new int[4 + rng.nextInt(4)];
                for (int i = 0; i < lengths.length; i++) {
                    lengths[i] = 1 + rng.nextInt(trial % 2 == 0 ? 3 : 10);   // few distinct lengths: many ties
                }
                cases.add(lengths);
            }
            List<int[]> permutations = new ArrayList<>();
            for (int[] lengths : cases) {
                PackedSequence packed = RnnUtils.packSequence(sequencesOf(lengths), false);
                int[] expected = packed.sortedIndices().toIntArray();
                int[] got = check.call(() -> sorted.sortedIndices(lengths.clone()));
                check.equal("길이 " + Arrays.toString(lengths) + "의 sortedIndices", expected, got,
                        "가장 긴 시퀀스의 원래 번호가 맨 앞에 옵니다. 길이가 아니라 번호를 돌려주고, 같은 길이는 원래 번호가 작은 것이 먼저입니다.");
                permutations.add(expected);
            }
            Generator shuffles = new Generator(1202);
            for (int trial = 0; trial < 3; trial++) {
                permutations.add(shuffles.randperm(5 + trial));
            }
            for (int[] permutation : permutations) {
                int[] expected = new int[permutation.length];
                for (int k = 0; k < permutation.length; k++) {
                    expected[permutation[k]] = k;
                }
                int[] got = check.call(() -> unsorted.unsortedIndices(permutation.clone()));
                check.equal("sortedIndices " + Arrays.toString(permutation) + "의 unsortedIndices", expected, got,
                        "역순열은 '원래 i번이 정렬 후 몇 번째인가'입니다: result[sortedIndices[k]] = k.");
            }
        });
    }

    /**
     * 12-3: packed sequences of fresh values (seed 1203): a first case whose longest sequence is
     * longer than the number of sequences and whose batch sizes shrink unevenly, one sequence,
     * all of length 1, then random ones; every k is asked. Stops at the first sequence that
     * differs.
     */
    public static ExerciseResult unpackOne(UnpackOne student) {
        return Exercise.check("12-3", UNPACK_TITLE, check -> {
            Random rng = new Random(1203);
            List<int[]> lengthSets = new ArrayList<>(List.of(new int[]{7, 5, 5, 2}, new int[]{6}, new int[]{1, 1, 1, 1, 1}));
            for (int trial = 0; trial < 3; trial++) {
                int[] lengths = new int[3 + rng.nextInt(4)];
                for (int i = 0; i < lengths.length; i++) {
                    lengths[i] = 1 + rng.nextInt(10);
                }
                lengthSets.add(Arrays.stream(lengths).boxed().sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray());
            }
            for (int[] lengths : lengthSets) {
                List<int[]> values = new ArrayList<>();
                List<Tensor> seqs = new ArrayList<>();
                for (int length : lengths) {
                    int[] v = rng.ints(length, 10, 100).toArray();
                    values.add(v);
                    seqs.add(Tensor.tensorLong(v, length));
                }
                PackedSequence packed = RnnUtils.packSequence(seqs);
                int[] data = packed.data().toIntArray(), bs = packed.batchSizesArray();
                for (int k = 0; k < lengths.length; k++) {
                    int kk = k;
                    int[] got = check.call(() -> student.unpackOne(data.clone(), bs.clone(), kk));
                    boolean ok = check.equal("길이 " + Arrays.toString(lengths) + "인 시퀀스들을 패킹한 data에서 " + k + "번째 시퀀스",
                            values.get(k), got,
                            "시점 t의 묶음은 batchSizes[0] + … + batchSizes[t − 1] 자리에서 시작하고, k번째 시퀀스는 그 묶음의 k번째이며, k < batchSizes[t]인 시점에만 있습니다.");
                    if (!ok) {
                        return;
                    }
                }
            }
        });
    }

    /** Sequences of the given lengths (their values do not matter to the permutations). */
    private static List<Tensor> sequencesOf(int[] lengths) {
        List<Tensor> seqs = new ArrayList<>();
        for (int length : lengths) {
            seqs.add(Tensor.zeros(length, 1));
        }
        return seqs;
    }
}
