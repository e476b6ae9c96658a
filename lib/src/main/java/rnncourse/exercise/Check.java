package rnncourse.exercise;

import rnncourse.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * What a check body works with: {@link #call} and {@link #run} guard the student's code, and
 * the comparison methods record one {@link Finding} each. Comparisons never throw; they return
 * whether they matched, so a body may stop early ({@code if (!check.equal(...)) return;}).
 * A failed comparison shows what was compared, where it differs and the student's value, never
 * the expected value of a hidden case.
 *
 * <p>Only the first {@value #KEPT_FAILURES} failed findings are kept (a loop over many random
 * inputs would otherwise repeat the same mistake); {@link #failures()} counts all of them.
 */
public final class Check {

    /** Failed findings kept for display; later ones are only counted. */
    static final int KEPT_FAILURES = 3;

    /**
     * What a failed value comparison shows as expected: nothing, since the hidden cases' right
     * answers never reach the page (shapes do, since an exercise's signature states them).
     */
    static final String HIDDEN = "";

    /** Tensors with at most this many elements are shown with their values. */
    private static final int SHOWN_ELEMENTS = 12;

    private final List<Finding> kept = new ArrayList<>();
    private int comparisons;
    private int failures;

    Check() {
    }

    /** Student code that returns nothing. */
    @FunctionalInterface
    public interface StudentAction {
        /** @throws Exception whatever the student's code throws */
        void run() throws Exception;
    }

    /**
     * Runs the student's code. An exception it throws ends the check with
     * {@link ExerciseStatus#ERROR} and a Korean hint naming the exception; a
     * {@link NotSolvedYet} ends it with {@link ExerciseStatus#UNSOLVED}.
     *
     * @param studentCode for example {@code () -> rnnStep(x, h, wIh, wHh, b)}
     * @return what the student's code returned (possibly null)
     */
    public <T> T call(Callable<T> studentCode) {
        try {
            return studentCode.call();
        } catch (NotSolvedYet | StudentCodeFailed | CancellationException passOn) {
            throw passOn; // CancellationException: the library noticed the kernel's interrupt
        } catch (Exception | StackOverflowError | OutOfMemoryError | AssertionError | LinkageError failure) {
            throw new StudentCodeFailed(failure);
        }
    }

    /** Like {@link #call} for student code that returns nothing. */
    public void run(StudentAction studentCode) {
        call(() -> {
            studentCode.run();
            return null;
        });
    }

    /**
     * Exact equality: numbers, strings, lists, records, and arrays of any kind compared element
     * by element; two tensors are compared as {@link #close(String, Tensor, Tensor, double,
     * String)} with tolerance 0.
     *
     * @param what     what is compared, in Korean
     * @param expected the right value
     * @param got      the student's value
     * @param hint     a Korean hint shown if they differ
     * @return whether they are equal
     */
    public boolean equal(String what, Object expected, Object got, String hint) {
        if (expected instanceof Tensor tensor && (got == null || got instanceof Tensor)) {
            return close(what, tensor, (Tensor) got, 0, hint);
        }
        boolean same = Objects.deepEquals(expected, got);
        return record(what, HIDDEN, format(got), hint, same);
    }

    /**
     * A number within an absolute tolerance. NaN or infinity never matches.
     *
     * @param tolerance the largest accepted |expected − got|
     */
    public boolean close(String what, double expected, double got, double tolerance, String hint) {
        boolean ok = Double.isFinite(got) && Math.abs(expected - got) <= tolerance;
        return record(what, HIDDEN, formatNumber(got)
                + (ok || !Double.isFinite(got) ? "" : "  (허용 오차 " + formatNumber(tolerance) + "보다 크게 다릅니다)"),
                hint, ok);
    }

    /**
     * A tensor of the expected shape whose elements are all within an absolute tolerance of
     * the expected ones. A null, a wrong shape, or NaN is reported as such.
     */
    public boolean close(String what, Tensor expected, Tensor got, double tolerance, String hint) {
        Objects.requireNonNull(expected, "expected tensor");
        if (got == null) {
            return record(what, "모양 " + shape(expected.shapeArray()), "null (텐서를 돌려주지 않았습니다)", hint, false);
        }
        if (!Arrays.equals(expected.shapeArray(), got.shapeArray())) {
            return record(what, "모양 " + shape(expected.shapeArray()), "모양 " + shape(got.shapeArray()),
                    hint, false);
        }
        double[] e = expected.toDoubleArray();
        double[] g = got.toDoubleArray();
        int worst = -1;
        double worstDiff = 0;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs(e[i] - g[i]);
            if (Double.isNaN(d) || d > worstDiff) {
                worst = i;
                worstDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                if (Double.isNaN(d)) {
                    break;
                }
            }
        }
        boolean ok = worstDiff <= tolerance;
        if (ok) {
            return record(what, "", describe(got), hint, true);
        }
        String at = "위치 " + index(worst, expected.shapeArray());
        return record(what, "모양 " + shape(expected.shapeArray()),
                describe(got) + "; 가장 많이 다른 곳은 " + at + " = " + formatNumber(g[worst])
                        + "  (허용 오차 " + formatNumber(tolerance) + "보다 크게 다릅니다)",
                hint, false);
    }

    /**
     * The tensor's shape only.
     *
     * @param expected the expected shape, for example {@code new int[]{3, 5, 4}}
     */
    public boolean shape(String what, int[] expected, Tensor got, String hint) {
        String want = shape(expected);
        if (got == null) {
            return record(what, want, "null (텐서를 돌려주지 않았습니다)", hint, false);
        }
        return record(what, want, shape(got.shapeArray()), hint, Arrays.equals(expected, got.shapeArray()));
    }

    /**
     * Any other condition, described in words.
     *
     * @param ok       whether the student's result is acceptable
     * @param expected what was wanted, in Korean (for example "0.5 이상")
     * @param got      what came out, formatted
     */
    public boolean that(String what, boolean ok, String expected, String got, String hint) {
        return record(what, expected, got, hint, ok);
    }

    /** @return the number of comparisons made so far */
    public int comparisons() {
        return comparisons;
    }

    /** @return the number of failed comparisons so far, including those not kept */
    public int failures() {
        return failures;
    }

    /** @return the first failed findings, at most {@value #KEPT_FAILURES} */
    public List<Finding> keptFailures() {
        return Collections.unmodifiableList(kept);
    }

    private boolean record(String what, String expected, String got, String hint, boolean ok) {
        comparisons++;
        if (!ok) {
            failures++;
            if (kept.size() < KEPT_FAILURES) {
                kept.add(new Finding(what, expected, got, hint, false));
            }
        }
        return ok;
    }

    /** A shape as the notebooks write it: (3, 5, 4). */
    static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static String index(int flat, int[] dims) {
        int[] at = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            at[d] = flat % dims[d];
            flat /= dims[d];
        }
        return Arrays.toString(at);
    }

    private static String describe(Tensor t) {
        String s = "모양 " + shape(t.shapeArray());
        if (t.numel() <= SHOWN_ELEMENTS) {
            double[] v = t.toDoubleArray();
            StringBuilder sb = new StringBuilder(" [");
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(formatNumber(v[i]));
            }
            s += sb.append("]");
        }
        return s;
    }

    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format("%.3e", v) : String.format("%.4f", v);
    }

    static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Double || value instanceof Float) {
            return formatNumber(((Number) value).doubleValue());
        }
        if (value instanceof Tensor t) {
            return describe(t);
        }
        if (value.getClass().isArray()) {
            String deep = Arrays.deepToString(new Object[]{value});
            return deep.substring(1, deep.length() - 1);
        }
        return value.toString();
    }
}
