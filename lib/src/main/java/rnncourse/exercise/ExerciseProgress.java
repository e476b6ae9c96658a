package rnncourse.exercise;

/**
 * What the progress file remembers of one exercise.
 *
 * @param id           "NN-k"
 * @param lastOutcome  the last check's outcome that counted as a try: "passed" or "failed"
 *                     (a wrong result or an exception), or "" when never tried
 * @param everPassed   whether any check of it passed
 * @param tries        checks that counted as a try (a skeleton's "unsolved" and a broken check
 *                     do not)
 * @param hintsUsed    hints handed out
 * @param solutionSeen whether the solution was shown
 * @param lastTry      when it was last tried (ISO-8601 instant), or ""
 */
public record ExerciseProgress(String id, String lastOutcome, boolean everPassed, int tries, int hintsUsed,
                               boolean solutionSeen, String lastTry) {

    public ExerciseProgress {
        lastOutcome = lastOutcome == null ? "" : lastOutcome;
        lastTry = lastTry == null ? "" : lastTry;
    }

    /** @return an exercise nobody has touched */
    public static ExerciseProgress untouched(String id) {
        return new ExerciseProgress(id, "", false, 0, 0, false, "");
    }

    /** @return the status word of the progress table */
    public String status() {
        if ("passed".equals(lastOutcome)) {
            return "통과";
        }
        if (tries > 0) {
            return everPassed ? "통과했다가 다시 틀림" : "시도했으나 실패";
        }
        return solutionSeen ? "풀이만 봄" : "아직 안 풀어 봄";
    }

    ExerciseProgress withTry(String outcome, String when) {
        return new ExerciseProgress(id, outcome, everPassed || "passed".equals(outcome), tries + 1, hintsUsed,
                solutionSeen, when);
    }

    ExerciseProgress withHint() {
        return new ExerciseProgress(id, lastOutcome, everPassed, tries, hintsUsed + 1, solutionSeen, lastTry);
    }

    ExerciseProgress withSolutionSeen() {
        return new ExerciseProgress(id, lastOutcome, everPassed, tries, hintsUsed, true, lastTry);
    }
}
