package rnncourse.exercise;

/**
 * Carries an exception the student's code threw inside {@link Check#call} or
 * {@link Check#run} out of the check body, so that {@link Exercise#check} can tell it from a
 * fault of the check itself.
 */
final class StudentCodeFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StudentCodeFailed(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }
}
