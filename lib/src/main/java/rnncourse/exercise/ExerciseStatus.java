package rnncourse.exercise;

/** How a check ended. {@link #json()} is the name the exercise runner reads. */
public enum ExerciseStatus {
    /** Every comparison matched. */
    PASSED("passed", "통과"),
    /** The student's code ran, but at least one result differs from the expected one. */
    FAILED("failed", "틀림"),
    /** The student's code threw an exception (named in the result, never a stack trace). */
    ERROR("error", "예외 발생"),
    /** The student's code still reaches {@link Exercise#todo()}. */
    UNSOLVED("unsolved", "아직 풀지 않았습니다"),
    /** The check itself is wrong (it threw outside the student's code, or compared nothing). */
    BROKEN("broken", "검사 코드 오류");

    private final String json;
    private final String korean;

    ExerciseStatus(String json, String korean) {
        this.json = json;
        this.korean = korean;
    }

    /** @return the lower-case name used in {@code application/vnd.rnncourse.exercise+json} */
    public String json() {
        return json;
    }

    /** @return the Korean label shown to the student */
    public String korean() {
        return korean;
    }
}
