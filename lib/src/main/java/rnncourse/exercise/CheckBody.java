package rnncourse.exercise;

/**
 * The body of a check cell: builds fresh inputs, runs the student's code through
 * {@link Check#call} and compares with {@link Check}'s methods. It may throw; what it throws
 * outside {@code call} marks the check as {@link ExerciseStatus#BROKEN}.
 */
@FunctionalInterface
public interface CheckBody {
    /** @param check records comparisons and guards the student's code */
    void run(Check check) throws Exception;
}
