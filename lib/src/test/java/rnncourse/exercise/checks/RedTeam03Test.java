package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;

/**
 * Red team of notebook 03's 03-1 check: wrong answers not in exercises/03.jsh, written from the
 * exercise text alone, and a correct answer written differently.
 */
class RedTeam03Test {

    @Test
    void predictShapes() {
        RedTeam.of(Checks03::predictShapes)
                .wrong("hN batch-first when batchFirst", (b, s, f, h, l, bi, bf) -> {
                    int d = bi ? 2 : 1;
                    int[] out = bf ? new int[]{b, s, d * h} : new int[]{s, b, d * h};
                    return new int[][]{out, bf ? new int[]{b, l * d, h} : new int[]{l * d, b, h}};
                })
                .wrong("output's last axis not doubled when bidirectional", (b, s, f, h, l, bi, bf) -> {
                    int d = bi ? 2 : 1;
                    return new int[][]{bf ? new int[]{b, s, h} : new int[]{s, b, h}, {l * d, b, h}};
                })
                .wrong("hN's first axis = layers only", (b, s, f, h, l, bi, bf) -> {
                    int d = bi ? 2 : 1;
                    return new int[][]{bf ? new int[]{b, s, d * h} : new int[]{s, b, d * h}, {l, b, h}};
                })
                .wrong("hN's last axis doubled too", (b, s, f, h, l, bi, bf) -> {
                    int d = bi ? 2 : 1;
                    return new int[][]{bf ? new int[]{b, s, d * h} : new int[]{s, b, d * h}, {l * d, b, d * h}};
                })
                .wrong("output has a layers axis", (b, s, f, h, l, bi, bf) -> {
                    int d = bi ? 2 : 1;
                    return new int[][]{bf ? new int[]{b, s, l * d * h} : new int[]{s, b, l * d * h}, {l * d, b, h}};
                })
                .wrong("output always (batch, seq, ·)", (b, s, f, h, l, bi, bf) -> {
                    int d = bi ? 2 : 1;
                    return new int[][]{{b, s, d * h}, {l * d, b, h}};
                })
                .right("built from a directions variable and swapped only for output", (b, s, f, h, l, bi, bf) -> {
                    int dirs = bi ? 2 : 1;
                    int[] out = {s, b, dirs * h};
                    if (bf) {
                        int tmp = out[0];
                        out[0] = out[1];
                        out[1] = tmp;
                    }
                    return new int[][]{out, {l * dirs, b, h}};
                })
                .verify();
    }
}
