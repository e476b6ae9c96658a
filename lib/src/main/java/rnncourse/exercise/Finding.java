package rnncourse.exercise;

/**
 * One comparison a check made.
 *
 * @param what     what was compared, in Korean (for example "h_1 (입력 3)")
 * @param expected the expected value, formatted for display
 * @param got      what the student's code produced, formatted for display
 * @param hint     a Korean hint shown when the comparison failed; may be empty
 * @param passed   whether the two matched
 */
public record Finding(String what, String expected, String got, String hint, boolean passed) {
    public Finding {
        what = what == null ? "" : what;
        expected = expected == null ? "" : expected;
        got = got == null ? "" : got;
        hint = hint == null ? "" : hint;
    }
}
