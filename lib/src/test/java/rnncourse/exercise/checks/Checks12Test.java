package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static rnncourse.exercise.checks.CheckStatusAssertions.assertStatus;

class Checks12Test {

    static int[] batchSizes(int[] lengths, boolean assumeSorted) {
        int longest = Arrays.stream(lengths).max().orElse(0);
        int[] sizes = new int[longest];
        for (int t = 0; t < longest; t++) {
            for (int length : lengths) {
                if (length > t) {
                    sizes[t]++;
                } else if (assumeSorted) {
                    break;
                }
            }
        }
        return sizes;
    }

    static int[] sorted(int[] lengths) {
        return IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> lengths[i]).reversed())
                .mapToInt(Integer::intValue).toArray();
    }

    static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int k = 0; k < p.length; k++) {
            inv[p[k]] = k;
        }
        return inv;
    }

    static int[] unpack(int[] data, int[] batchSizes, int k) {
        List<Integer> values = new ArrayList<>();
        int start = 0;
        for (int size : batchSizes) {
            if (k < size) {
                values.add(data[start + k]);
            }
            start += size;
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void batchSizesCatchesSortedAssumptionAndOffByOne() {
        assertStatus(ExerciseStatus.PASSED, Checks12.batchSizes(l -> batchSizes(l, false)));
        assertStatus(ExerciseStatus.FAILED, Checks12.batchSizes(l -> batchSizes(l, true)));
        assertStatus(ExerciseStatus.FAILED, Checks12.batchSizes(l -> {
            int[] s = new int[Arrays.stream(l).max().orElse(0) + 1];
            for (int t = 0; t < s.length; t++) {
                for (int length : l) {
                    if (length >= t) {
                        s[t]++;
                    }
                }
            }
            return s;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks12.batchSizes(l -> new int[]{5, 5, 5, 4, 4, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1}));
        assertStatus(ExerciseStatus.UNSOLVED, Checks12.batchSizes(l -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks12.batchSizes(l -> new int[]{l[9]}));
    }

    @Test
    void sortedIndicesTakesBothMethodsAndCatchesReversedTiesAndMissingInverse() {
        assertStatus(ExerciseStatus.PASSED, Checks12.sortedIndices(Checks12Test::sorted, Checks12Test::inverse));
        assertStatus(ExerciseStatus.FAILED, Checks12.sortedIndices(Checks12Test::sorted, int[]::clone));
        assertStatus(ExerciseStatus.FAILED, Checks12.sortedIndices(l -> {
            int[] ascending = IntStream.range(0, l.length).boxed()
                    .sorted(Comparator.comparingInt((Integer i) -> l[i])).mapToInt(Integer::intValue).toArray();
            int[] out = new int[ascending.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = ascending[ascending.length - 1 - k];
            }
            return out;
        }, Checks12Test::inverse));
        assertStatus(ExerciseStatus.FAILED, Checks12.sortedIndices(
                l -> Arrays.stream(l).boxed().sorted(Comparator.reverseOrder()).mapToInt(Integer::intValue).toArray(),
                Checks12Test::inverse));
        assertStatus(ExerciseStatus.UNSOLVED, Checks12.sortedIndices(Checks12Test::sorted, p -> Exercise.todo()));
        assertStatus(ExerciseStatus.UNSOLVED, Checks12.sortedIndices(l -> Exercise.todo(), Checks12Test::inverse));
        assertStatus(ExerciseStatus.ERROR, Checks12.sortedIndices(Checks12Test::sorted, p -> new int[]{p[p.length]}));
    }

    @Test
    void unpackOneCatchesSequenceMajorFixedStrideAndTransposedReading() {
        assertStatus(ExerciseStatus.PASSED, Checks12.unpackOne(Checks12Test::unpack));
        assertStatus(ExerciseStatus.FAILED, Checks12.unpackOne((data, bs, k) -> {
            int longest = bs.length;
            List<Integer> v = new ArrayList<>();
            for (int t = 0; t < longest && k * longest + t < data.length; t++) {
                v.add(data[k * longest + t]);
            }
            return v.stream().mapToInt(Integer::intValue).toArray();
        }));
        assertStatus(ExerciseStatus.FAILED, Checks12.unpackOne((data, bs, k) -> {
            List<Integer> v = new ArrayList<>();
            for (int t = 0; t < bs.length; t++) {
                int at = t * bs[0] + k;
                if (k < bs[t] && at < data.length) {
                    v.add(data[at]);
                }
            }
            return v.stream().mapToInt(Integer::intValue).toArray();
        }));
        assertStatus(ExerciseStatus.FAILED, Checks12.unpackOne((data, bs, k) -> {
            int start = 0;
            for (int t = 0; t < k; t++) {
                start += bs[t];
            }
            return Arrays.copyOfRange(data, start, start + bs[k]);
        }));
        assertStatus(ExerciseStatus.UNSOLVED, Checks12.unpackOne((data, bs, k) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks12.unpackOne((data, bs, k) -> new int[]{data[data.length]}));
    }
}
