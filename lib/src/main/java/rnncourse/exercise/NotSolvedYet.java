package rnncourse.exercise;

/**
 * Thrown by {@link Exercise#todo()}: the student has not written this part yet. A check that
 * meets it reports {@link ExerciseStatus#UNSOLVED} ("아직 풀지 않았습니다") instead of an error.
 */
public final class NotSolvedYet extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotSolvedYet() {
        super("아직 풀지 않았습니다 (Exercise.todo() 자리를 채우세요)");
    }
}
