package rnncourse.exercise;

import org.junit.jupiter.api.Test;
import rnncourse.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExerciseTest {

    private static int square(int x) {
        return x * x;
    }

    private static int unsolved(int x) {
        return Exercise.todo();
    }

    @Test
    void rightAnswerPasses() {
        ExerciseResult r = Exercise.check("02-1", "제곱", c -> {
            for (int x = -3; x <= 3; x++) {
                int input = x;
                c.equal("square(" + x + ")", x * x, c.call(() -> square(input)), "");
            }
        });
        assertEquals(ExerciseStatus.PASSED, r.status());
        assertEquals(7, r.comparisons());
        assertTrue(r.passed());
        assertTrue(r.toString().contains("통과"), r.toString());
    }

    @Test
    void wrongAnswerFailsWithExpectedGotAndHint() {
        ExerciseResult r = Exercise.check("02-1", "세제곱", c -> {
            for (int x = 1; x <= 5; x++) {
                int input = x;
                c.equal("cube(" + x + ")", x * x * x, c.call(() -> square(input)), "세 번 곱하세요");
            }
        });
        assertEquals(ExerciseStatus.FAILED, r.status());
        assertEquals(4, r.failed());                              // x = 1 agrees
        assertEquals(Check.KEPT_FAILURES, r.failures().size());
        Finding first = r.failures().get(0);
        assertEquals("", first.expected(), "the hidden case's answer never reaches the page");
        assertEquals("4", first.got());
        String text = r.toString();
        assertFalse(text.contains("8") || text.contains("27") || text.contains("64") || text.contains("125"), text);
        assertTrue(text.contains("결과: 4") && text.contains("힌트: 세 번 곱하세요"), text);
        assertTrue(text.contains("그 밖에 1개"), text);
        assertEquals(1, text.split("힌트: ", -1).length - 1, "a repeated hint is shown once: " + text);
    }

    @Test
    void todoMeansUnsolved() {
        assertThrows(NotSolvedYet.class, () -> unsolved(1));
        ExerciseResult r = Exercise.check("04-2", "", c -> c.equal("f", 1, c.call(() -> unsolved(1)), ""));
        assertEquals(ExerciseStatus.UNSOLVED, r.status());
        assertTrue(r.toString().contains("아직 풀지 않았습니다"), r.toString());
    }

    @Test
    void studentExceptionBecomesKoreanHintWithoutStackTrace() {
        ExerciseResult r = Exercise.check("03-1", "", c -> c.call(() -> {
            int[] a = new int[2];
            return a[5];
        }));
        assertEquals(ExerciseStatus.ERROR, r.status());
        assertTrue(r.message().contains("ArrayIndexOutOfBoundsException"), r.message());
        assertTrue(r.message().contains("힌트"), r.message());
        assertFalse(r.toString().contains("\tat "), r.toString());
    }

    @Test
    void faultOutsideStudentCodeOrNoComparisonIsBroken() {
        ExerciseResult fault = Exercise.check("03-1", "", c -> {
            throw new IllegalStateException("bug in the check");
        });
        assertEquals(ExerciseStatus.BROKEN, fault.status());
        assertTrue(fault.message().contains("IllegalStateException"), fault.message());
        assertEquals(ExerciseStatus.BROKEN, Exercise.check("03-1", "", c -> { }).status());
        assertEquals(ExerciseStatus.BROKEN, Exercise.check("3-1", "", c -> c.equal("x", 1, 1, "")).status());
        assertEquals(ExerciseStatus.BROKEN, Exercise.check(null, "", c -> c.equal("x", 1, 1, "")).status());
    }

    @Test
    void tensorComparisonsReportShapeAndWorstElement() {
        Tensor expected = Tensor.tensor(new double[][]{{1, 2}, {3, 4}});
        Tensor near = Tensor.tensor(new double[][]{{1, 2}, {3, 4.0000001}});
        Tensor off = Tensor.tensor(new double[][]{{1, 2}, {3.5, 4}});
        ExerciseResult ok = Exercise.check("00-1", "", c -> c.close("t", expected, c.call(() -> near), 1e-6, ""));
        assertEquals(ExerciseStatus.PASSED, ok.status());

        ExerciseResult bad = Exercise.check("00-1", "", c -> c.close("t", expected, c.call(() -> off), 1e-6, ""));
        assertEquals(ExerciseStatus.FAILED, bad.status());
        assertTrue(bad.failures().get(0).got().contains("[1, 0]"), bad.toString());
        assertTrue(bad.failures().get(0).got().contains("3.5000"), bad.toString());
        assertFalse(bad.toString().contains("3.0000") || bad.toString().contains("4.0000"),
                "neither the expected element nor the others' expected values are shown: " + bad);
        ExerciseResult number = Exercise.check("00-1", "", c -> c.close("x", 0.123456, c.call(() -> 0.5), 1e-6, ""));
        assertFalse(number.toString().contains("0.1235") || number.toString().contains("0.3765"),
                "neither the expected number nor the difference is shown: " + number);

        ExerciseResult shape = Exercise.check("00-1", "", c -> c.close("t", expected, c.call(() -> Tensor.zeros(4)), 1, ""));
        assertEquals("모양 (4,)", shape.failures().get(0).got());
        assertEquals("모양 (2, 2)", shape.failures().get(0).expected());

        ExerciseResult nul = Exercise.check("00-1", "", c -> c.close("t", expected, c.call(() -> null), 1, ""));
        assertEquals(ExerciseStatus.FAILED, nul.status());
        ExerciseResult nan = Exercise.check("00-1", "", c -> c.close("t", expected,
                c.call(() -> Tensor.full(Double.NaN, 2, 2)), 1e9, ""));
        assertEquals(ExerciseStatus.FAILED, nan.status());
    }

    @Test
    void shapesNumbersArraysAndConditions() {
        ExerciseResult r = Exercise.check("03-2", "", c -> {
            c.shape("out", new int[]{3, 5, 4}, Tensor.zeros(5, 3, 4), "batchFirst?");
            c.equal("arr", new int[]{1, 2}, new int[]{1, 2}, "");
            c.equal("tensors", Tensor.ones(2), Tensor.ones(2), "");
            c.close("num", 0.5, 0.5004, 1e-3, "");
            c.close("nan", 0.5, Double.NaN, 1e9, "");
            c.that("loss", 0.2 < 0.1, "0.1 미만", "0.2", "더 학습하세요");
        });
        assertEquals(6, r.comparisons());
        assertEquals(3, r.failed());
        assertEquals("(3, 5, 4)", r.failures().get(0).expected());
        assertEquals("(5, 3, 4)", r.failures().get(0).got());
        assertEquals("nan", r.failures().get(1).what());
        assertEquals("loss", r.failures().get(2).what());
    }

    @Test
    void runGuardsVoidStudentCode() {
        ExerciseResult r = Exercise.check("01-1", "", c -> {
            c.run(() -> {
                throw new NullPointerException();
            });
        });
        assertEquals(ExerciseStatus.ERROR, r.status());
        assertTrue(r.message().contains("NullPointerException") && r.message().contains("null"), r.message());
    }

    /** Stands in for the kernel's own stop error (an {@link Error} the lib cannot name). */
    private static final class KernelStop extends Error {
    }

    @Test
    void kernelStopsAndLibraryCancellationsPassThroughTheCheck() {
        assertThrows(KernelStop.class, () -> Exercise.check("02-1", "멈춤", c -> c.call(() -> {
            throw new KernelStop();
        })));
        assertThrows(KernelStop.class, () -> Exercise.check("02-1", "검사 코드에서 멈춤", c -> {
            throw new KernelStop();
        }));
        assertThrows(java.util.concurrent.CancellationException.class, () -> Exercise.check("02-1", "라이브러리 중단",
                c -> c.call(() -> {
                    throw new java.util.concurrent.CancellationException("interrupted");
                })));
    }

    @Test
    void studentStackOverflowIsAHintNotAStop() {
        ExerciseResult r = Exercise.check("02-1", "재귀", c -> c.equal("f", 1, c.call(() -> {
            throw new StackOverflowError();
        }), ""));
        assertEquals(ExerciseStatus.ERROR, r.status());
        assertTrue(r.message().contains("StackOverflowError"), r.message());
    }
}
