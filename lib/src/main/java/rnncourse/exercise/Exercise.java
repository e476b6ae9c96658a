package rnncourse.exercise;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;

/**
 * The two calls a notebook's exercise cells make: {@link #todo()} in the skeleton the student
 * edits, and {@link #check} in the check cell after it.
 *
 * <pre>{@code
 * // exercise cell (tag "exercise")
 * // 연습문제 02-1
 * Tensor rnnStep(Tensor x, Tensor h, Tensor wIh, Tensor wHh, Tensor b) {
 *     return Exercise.todo();   // TODO: h_t = tanh(x W_ih^T + h W_hh^T + b)
 * }
 *
 * // check cell (tag "exercise-check")
 * Exercise.check("02-1", "RNN 한 스텝", check -> {
 *     Tensor.manualSeed(2024);
 *     ...fresh inputs, the reference result...
 *     Tensor got = check.call(() -> rnnStep(x, h, wIh, wHh, b));
 *     check.close("h_1", expected, got, 1e-5, "tanh를 빠뜨리지 않았나요?");
 * })
 * }</pre>
 */
public final class Exercise {

    /** Exercise ids: two-digit notebook number, dash, exercise number ("04-2"). */
    public static final Pattern ID = Pattern.compile("\\d{2}-\\d+");

    private Exercise() {
    }

    /**
     * Marks the place where the student's answer goes. Call it inside a method of the
     * exercise cell (never at the cell's top level, which would make the cell itself fail).
     *
     * @return never returns; typed so that {@code return Exercise.todo();} compiles in a method
     *         of any return type
     * @throws NotSolvedYet always
     */
    public static <T> T todo() {
        throw new NotSolvedYet();
    }

    /**
     * Runs a check. Never throws (except a kernel interrupt): every outcome becomes the
     * returned result, which the kernel shows as a box when it is the cell's last expression.
     *
     * <ul>
     *   <li>{@link NotSolvedYet} anywhere: {@link ExerciseStatus#UNSOLVED};</li>
     *   <li>an exception from the student's code inside {@link Check#call}/{@link Check#run}:
     *       {@link ExerciseStatus#ERROR} with a Korean hint naming it;</li>
     *   <li>any other exception, a malformed id, or no comparison at all:
     *       {@link ExerciseStatus#BROKEN} (a fault of the check, not of the student);</li>
     *   <li>a failed comparison: {@link ExerciseStatus#FAILED}; otherwise
     *       {@link ExerciseStatus#PASSED}.</li>
     * </ul>
     *
     * @param id    "NN-k": the notebook number and the exercise number, as in the exercise
     *              cell's first line {@code // 연습문제 NN-k}
     * @param title a short Korean title
     * @param body  builds fresh seeded inputs, runs the student's code through
     *              {@link Check#call} and compares
     * @return the result to end the cell with
     */
    public static ExerciseResult check(String id, String title, CheckBody body) {
        String shownId = id == null ? "?" : id;
        if (id == null || !ID.matcher(id).matches()) {
            return new ExerciseResult(shownId, title, ExerciseStatus.BROKEN,
                    "연습문제 번호 '" + shownId + "'의 형식이 틀렸습니다 (\"04-2\"처럼 노트북 번호 두 자리-문제 번호).",
                    List.of(), 0, 0);
        }
        Check check = new Check();
        ExerciseStatus status;
        String message = "";
        try {
            body.run(check);
            if (check.failures() > 0) {
                status = ExerciseStatus.FAILED;
            } else if (check.comparisons() == 0) {
                status = ExerciseStatus.BROKEN;
                message = "검사가 아무것도 비교하지 않았습니다.";
            } else {
                status = ExerciseStatus.PASSED;
            }
        } catch (NotSolvedYet unsolved) {
            status = ExerciseStatus.UNSOLVED;
            message = "위 셀의 Exercise.todo() 자리를 답으로 바꾼 뒤, 그 셀과 이 셀을 다시 실행하세요.";
        } catch (StudentCodeFailed failed) {
            status = ExerciseStatus.ERROR;
            message = StudentExceptions.describe(failed.getCause());
        } catch (Throwable fault) {
            if (fault instanceof CancellationException cancelled) {
                throw cancelled;
            }
            if (fault instanceof Error error && stopsTheCell(error)) {
                throw error;
            }
            status = ExerciseStatus.BROKEN;
            message = "검사 코드가 " + fault.getClass().getSimpleName() + "로 멈췄습니다: " + fault.getMessage()
                    + "\n학생 코드를 호출할 때 check.call(...)로 감쌌는지 확인하세요.";
        }
        return new ExerciseResult(id, title, status, message, check.keptFailures(), check.comparisons(),
                check.failures());
    }

    /**
     * Whether an error stops the cell rather than describes a fault: the kernel's interrupt,
     * timeout and {@code System.exit} errors (its own {@link Error} subclasses, which the library
     * cannot name) and any other error but the few a check can explain. A check must let these
     * through (as it does a library loop's {@link CancellationException} after an interrupt), or an
     * interrupted check would end as a box instead of stopping.
     */
    static boolean stopsTheCell(Error error) {
        return !(error instanceof StackOverflowError || error instanceof OutOfMemoryError
                || error instanceof AssertionError || error instanceof LinkageError);
    }
}
