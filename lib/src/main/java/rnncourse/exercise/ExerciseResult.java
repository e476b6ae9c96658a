package rnncourse.exercise;

import java.util.List;

/**
 * What a check found, shown by the kernel as a coloured box (its HTML rendering lives in the
 * kernel's {@code ExerciseRenderer}, which also adds {@link #MIME_TYPE} with the id and
 * {@link ExerciseStatus#json()} for the exercise runner); {@link #toString()} is the plain-text
 * version.
 *
 * @param id          the exercise id, for example "02-1" (notebook number, exercise number)
 * @param title       a short Korean title
 * @param status      how the check ended
 * @param message     a Korean sentence about the whole result (the exception for ERROR, the
 *                    check's fault for BROKEN, empty otherwise)
 * @param failures    the first failed comparisons (at most a few)
 * @param comparisons how many comparisons were made
 * @param failed      how many of them failed, including those not kept
 */
public record ExerciseResult(String id, String title, ExerciseStatus status, String message,
                             List<Finding> failures, int comparisons, int failed) {

    /** The MIME type whose JSON object {"id": ..., "status": ...} the exercise runner reads. */
    public static final String MIME_TYPE = "application/vnd.rnncourse.exercise+json";

    public ExerciseResult {
        failures = List.copyOf(failures);
        message = message == null ? "" : message;
        title = title == null ? "" : title;
    }

    /** Said under failed comparisons: why no expected values are shown. */
    public static final String HIDDEN_NOTE = "확인은 화면에 없는 입력으로 하므로, 그 정답 값은 보여 주지 않습니다. "
            + "막히면 Exercise.hint(\"번호\")로 힌트를 받으세요.";

    /** @return true if the check passed */
    public boolean passed() {
        return status == ExerciseStatus.PASSED;
    }

    /** @return the headline: "[연습문제 02-1] 제목 — 통과 (비교 6개 모두 일치)" */
    public String headline() {
        String summary = switch (status) {
            case PASSED -> "통과 (비교 " + comparisons + "개 모두 일치)";
            case FAILED -> "틀림 (비교 " + comparisons + "개 중 " + failed + "개가 다릅니다)";
            case ERROR -> "코드에서 예외가 났습니다";
            case UNSOLVED -> "아직 풀지 않았습니다";
            case BROKEN -> "검사 코드 오류 (학생 잘못이 아닙니다)";
        };
        return "[연습문제 " + id + "] " + title + (title.isEmpty() ? "" : " — ") + summary;
    }

    /** The plain-text box: headline, message, then expected vs got and hint per failure. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(headline());
        if (!message.isEmpty()) {
            sb.append("\n  ").append(message.replace("\n", "\n  "));
        }
        String lastHint = "";
        for (Finding f : failures) {
            sb.append("\n  • ").append(f.what());
            if (!f.expected().isEmpty()) {
                sb.append("\n      기대: ").append(f.expected());
            }
            sb.append("\n      결과: ").append(f.got());
            if (!f.hint().isEmpty() && !f.hint().equals(lastHint)) {   // a repeated hint is said once
                sb.append("\n      힌트: ").append(f.hint());
            }
            lastHint = f.hint();
        }
        if (failed > failures.size()) {
            sb.append("\n  … 그 밖에 ").append(failed - failures.size()).append("개가 더 다릅니다.");
        }
        if (!failures.isEmpty()) {
            sb.append("\n  ").append(HIDDEN_NOTE);
        }
        return sb.toString();
    }
}
