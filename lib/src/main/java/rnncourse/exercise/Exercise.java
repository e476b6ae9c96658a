package rnncourse.exercise;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
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
        ProgressStore.standard().recordCheck(id, status);
        return new ExerciseResult(id, title, status, message, check.keptFailures(), check.comparisons(),
                check.failures());
    }

    /**
     * The next hint of an exercise: the first call gives a nudge, later calls stronger ones, up
     * to nearly the answer; after the last one it is repeated. Each call is counted in the
     * progress file.
     *
     * @param id "NN-k"
     * @return the hint, shown as a blue box; an unknown id gives a box saying which ids exist
     */
    public static HintShown hint(String id) {
        Optional<ExerciseInfo> info = known(id);
        if (info.isEmpty()) {
            return new HintShown(String.valueOf(id), 0, 0, unknown(id));
        }
        List<String> hints = info.get().hints();
        int used = ProgressStore.standard().recordHint(id).hintsUsed();
        int number = Math.min(used, hints.size());
        return new HintShown(id, number, hints.size(), hints.get(number - 1));
    }

    /**
     * The exercise's reference solution, from {@code exercises/NN.jsh}; recorded as seen in the
     * progress file.
     *
     * @param id "NN-k"
     * @return the solution, shown as a code box
     */
    public static SolutionShown solution(String id) {
        if (known(id).isEmpty()) {
            return new SolutionShown(String.valueOf(id), "", unknown(id));
        }
        Optional<String> code;
        try {
            code = Solutions.of(id);
        } catch (IOException e) {
            return new SolutionShown(id, "", "풀이 파일을 읽지 못했습니다: " + e.getMessage());
        }
        if (code.isEmpty()) {
            return new SolutionShown(id, "", "이 라이브러리 jar에 exercises/" + id.substring(0, 2)
                    + ".jsh의 풀이가 없습니다. 저장소에서 make kernel로 다시 설치하세요.");
        }
        ProgressStore.standard().recordSolutionSeen(id);
        return new SolutionShown(id, code.get(), "");
    }

    /**
     * The course's progress: every exercise with its status, tries, hints used and whether the
     * solution was seen, from the progress file ({@link ProgressStore#defaultFile()}).
     *
     * @return the table, shown as HTML in the notebook
     */
    public static ProgressTable progress() {
        return ProgressTable.of(ProgressStore.standard());
    }

    private static Optional<ExerciseInfo> known(String id) {
        return id == null || !ID.matcher(id).matches() ? Optional.empty() : Course.find(id);
    }

    private static String unknown(String id) {
        String nn = id != null && id.length() >= 2 ? id.substring(0, 2) : "";
        List<String> ids = Course.exercises().stream().map(ExerciseInfo::id).filter(e -> e.startsWith(nn)).toList();
        return "연습문제 '" + id + "'는 없습니다. " + (ids.isEmpty()
                ? "번호는 \"04-1\"처럼 노트북 번호 두 자리-문제 번호입니다."
                : "이 노트북의 연습문제: " + String.join(", ", ids));
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
