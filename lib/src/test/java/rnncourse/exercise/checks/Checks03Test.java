package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseStatus;

import static rnncourse.exercise.checks.CheckStatusAssertions.assertStatus;

class Checks03Test {

    static int[][] shapes(int batch, int seq, int hidden, int layers, boolean bi, boolean batchFirst,
                          boolean hNFollowsLayout, boolean concatDirections, boolean directionsInHN) {
        int dirs = bi ? 2 : 1;
        int last = concatDirections ? dirs * hidden : hidden;
        int[] output = batchFirst ? new int[]{batch, seq, last} : new int[]{seq, batch, last};
        int first = directionsInHN ? layers * dirs : layers;
        int[] hN = hNFollowsLayout && batchFirst ? new int[]{batch, first, hidden} : new int[]{first, batch, hidden};
        return new int[][]{output, hN};
    }

    static String seen(String[] words, int b, boolean reversed, int firstWord) {
        StringBuilder sb = new StringBuilder();
        for (int t = firstWord; t < words.length; t++) {
            sb.append(words[reversed ? words.length - 1 - t : t].charAt(b));
        }
        return sb.toString();
    }

    @Test
    void predictShapesCatchesEachAxisRule() {
        assertStatus(ExerciseStatus.PASSED, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> shapes(n, s, h, l, bi, bf, false, true, true)));
        assertStatus(ExerciseStatus.FAILED, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> shapes(n, s, h, l, bi, bf, true, true, true)));
        assertStatus(ExerciseStatus.FAILED, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> shapes(n, s, h, l, bi, bf, false, false, true)));
        assertStatus(ExerciseStatus.FAILED, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> shapes(n, s, h, l, bi, bf, false, true, false)));
        assertStatus(ExerciseStatus.FAILED, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> shapes(n, s, h, l, bi, true, false, true, true)));
        assertStatus(ExerciseStatus.FAILED, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> new int[][]{{1, 10, 8}, {1, 1, 8}}));
        assertStatus(ExerciseStatus.FAILED, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> new int[][]{{1, 10, 8}}));
        assertStatus(ExerciseStatus.UNSOLVED, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks03.predictShapes((n, s, f, h, l, bi, bf) -> {
            throw new IllegalStateException("no");
        }));
    }

    @Test
    void sequenceSeenSeqFirstIsJudgedByTheLayer() {
        assertStatus(ExerciseStatus.PASSED, Checks03.sequenceSeenSeqFirst((w, b) -> seen(w, b, false, 0)));
        assertStatus(ExerciseStatus.FAILED, Checks03.sequenceSeenSeqFirst((w, b) -> w[b]));
        assertStatus(ExerciseStatus.FAILED, Checks03.sequenceSeenSeqFirst((w, b) -> seen(w, b, true, 0)));
        assertStatus(ExerciseStatus.FAILED, Checks03.sequenceSeenSeqFirst((w, b) -> seen(w, b, false, 1)));
        assertStatus(ExerciseStatus.FAILED, Checks03.sequenceSeenSeqFirst((w, b) -> "hel"));   // the page's example
        assertStatus(ExerciseStatus.FAILED, Checks03.sequenceSeenSeqFirst((w, b) -> "xyz"));
        assertStatus(ExerciseStatus.UNSOLVED, Checks03.sequenceSeenSeqFirst((w, b) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks03.sequenceSeenSeqFirst((w, b) -> w[99]));
    }
}
