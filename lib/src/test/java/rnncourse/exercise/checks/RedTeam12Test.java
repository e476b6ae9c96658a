package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Red team of notebook 12's checks: wrong answers not in exercises/12.jsh, written from the
 * exercise text alone, and correct answers written differently from the solution.
 */
class RedTeam12Test {

    static int[] sizes(int[] lengths, int steps) {
        int[] s = new int[steps];
        for (int t = 0; t < steps; t++) for (int l : lengths) if (l > t) s[t]++;
        return s;
    }

    static int[] stableSorted(int[] lengths) {
        return IntStream.range(0, lengths.length).boxed()
                .sorted((a, b) -> lengths[b] != lengths[a] ? lengths[b] - lengths[a] : a - b)
                .mapToInt(Integer::intValue).toArray();
    }

    static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int k = 0; k < p.length; k++) inv[p[k]] = k;
        return inv;
    }

    @Test
    void batchSizes() {
        RedTeam.of(Checks12::batchSizes)
                .wrong("steps taken from the first length", l -> sizes(l, l[0]))
                .wrong("steps taken from the last length (sorted ascending assumed)", l -> sizes(l, l[l.length - 1]))
                .wrong("one step too few", l -> sizes(l, Math.max(1, Arrays.stream(l).max().getAsInt() - 1)))
                .wrong("counts finished sequences instead of live ones", l -> {
                    int[] s = sizes(l, Arrays.stream(l).max().getAsInt());
                    for (int t = 0; t < s.length; t++) s[t] = l.length - s[t];
                    return s;
                })
                .wrong("reversed", l -> {
                    int[] s = sizes(l, Arrays.stream(l).max().getAsInt()), r = new int[s.length];
                    for (int t = 0; t < s.length; t++) r[t] = s[s.length - 1 - t];
                    return r;
                })
                .right("from the sorted lengths: s[t] = number of lengths > t, by a pointer", l -> {
                    int[] sorted = Arrays.stream(l).sorted().toArray();
                    int steps = sorted[sorted.length - 1];
                    int[] s = new int[steps];
                    int i = 0;
                    for (int t = 0; t < steps; t++) {
                        while (i < sorted.length && sorted[i] <= t) i++;
                        s[t] = sorted.length - i;
                    }
                    return s;
                })
                .verify();
    }

    @Test
    void sortedIndices() {
        RedTeam.<Checks12.SortedIndices>of(s -> Checks12.sortedIndices(s, RedTeam12Test::inverse))
                .wrong("ties with the larger index first", l -> IntStream.range(0, l.length).boxed()
                        .sorted((a, b) -> l[b] != l[a] ? l[b] - l[a] : b - a).mapToInt(Integer::intValue).toArray())
                .wrong("ascending", l -> IntStream.range(0, l.length).boxed()
                        .sorted((a, b) -> l[a] != l[b] ? l[a] - l[b] : a - b).mapToInt(Integer::intValue).toArray())
                .wrong("rank of each sequence (the inverse) instead", l -> inverse(stableSorted(l)))
                .right("counting sort by length, longest first", l -> {
                    int max = Arrays.stream(l).max().getAsInt();
                    List<Integer> out = new ArrayList<>();
                    for (int len = max; len >= 0; len--) for (int i = 0; i < l.length; i++) if (l[i] == len) out.add(i);
                    return out.stream().mapToInt(Integer::intValue).toArray();
                })
                .verify();
        RedTeam.<Checks12.UnsortedIndices>of(u -> Checks12.sortedIndices(RedTeam12Test::stableSorted, u))
                .wrong("the permutation itself", p -> p.clone())
                .wrong("the permutation reversed", p -> {
                    int[] r = new int[p.length];
                    for (int k = 0; k < p.length; k++) r[k] = p[p.length - 1 - k];
                    return r;
                })
                .wrong("p applied twice", p -> {
                    int[] r = new int[p.length];
                    for (int k = 0; k < p.length; k++) r[k] = p[p[k]];
                    return r;
                })
                .right("search: result[i] = the k with p[k] = i", p -> {
                    int[] r = new int[p.length];
                    for (int i = 0; i < p.length; i++) for (int k = 0; k < p.length; k++) if (p[k] == i) r[i] = k;
                    return r;
                })
                .verify();
    }

    @Test
    void unpackOne() {
        RedTeam.of(Checks12::unpackOne)
                .wrong("live while k <= batchSizes[t] (off by one)", (data, bs, k) -> {
                    List<Integer> v = new ArrayList<>();
                    int start = 0;
                    for (int size : bs) {
                        if (k <= size && start + k < data.length) v.add(data[start + k]);
                        start += size;
                    }
                    return v.stream().mapToInt(Integer::intValue).toArray();
                })
                .wrong("only the first step's value", (data, bs, k) -> new int[]{data[k]})
                .wrong("k counted from the end of each batch", (data, bs, k) -> {
                    List<Integer> v = new ArrayList<>();
                    int start = 0;
                    for (int size : bs) {
                        if (k < size) v.add(data[start + size - 1 - k]);
                        start += size;
                    }
                    return v.stream().mapToInt(Integer::intValue).toArray();
                })
                .wrong("values in reverse time order", (data, bs, k) -> {
                    List<Integer> v = new ArrayList<>();
                    int start = 0;
                    for (int size : bs) {
                        if (k < size) v.add(0, data[start + k]);
                        start += size;
                    }
                    return v.stream().mapToInt(Integer::intValue).toArray();
                })
                .right("length first, then offsets by a running sum", (data, bs, k) -> {
                    int length = 0;
                    while (length < bs.length && bs[length] > k) length++;
                    int[] out = new int[length];
                    int start = 0;
                    for (int t = 0; t < length; t++) {
                        out[t] = data[start + k];
                        start += bs[t];
                    }
                    return out;
                })
                .verify();
    }
}
