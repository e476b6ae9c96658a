package rnncourse.kernel.display;

import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.exercise.Finding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a check cell's {@link ExerciseResult} as a coloured box (green passed, red failed or
 * error, grey unsolved, orange broken) with what was compared, what was wanted (never a hidden
 * case's value), what came out and the hint per failure; adds the
 * result's id and status under {@link ExerciseResult#MIME_TYPE} for the exercise runner.
 * Only loaded when the course library is on the class path.
 */
public final class ExerciseRenderer implements ObjectRenderer {

    /** The class whose presence enables this renderer. */
    public static final String REQUIRED_CLASS = "rnncourse.exercise.ExerciseResult";

    @Override
    public boolean canRender(Object value) {
        return value instanceof ExerciseResult;
    }

    @Override
    public Map<String, Object> render(Object value) {
        ExerciseResult result = (ExerciseResult) value;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(MimeTypes.HTML, html(result));
        out.put(MimeTypes.TEXT, result.toString());
        Map<String, String> status = new LinkedHashMap<>();
        status.put("id", result.id());
        status.put("status", result.status().json());
        out.put(ExerciseResult.MIME_TYPE, status);
        return out;
    }

    private static String html(ExerciseResult result) {
        String[] colours = colours(result.status());   // border, background
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"rnncourse-exercise rnncourse-exercise-").append(result.status().json())
                .append("\" style=\"border:2px solid ").append(colours[0]).append(";background:").append(colours[1])
                .append(";border-radius:6px;padding:8px 12px;margin:4px 0;color:#222;\">");
        sb.append("<div style=\"font-weight:bold\">").append(icon(result.status())).append(' ')
                .append(Html.escape(result.headline())).append("</div>");
        if (!result.message().isEmpty()) {
            sb.append("<div style=\"margin-top:4px;white-space:pre-wrap\">").append(Html.escape(result.message()))
                    .append("</div>");
        }
        if (!result.failures().isEmpty()) {
            boolean anyExpected = result.failures().stream().anyMatch(f -> !f.expected().isEmpty());
            sb.append("<table style=\"margin-top:6px;border-collapse:collapse\">")
                    .append("<tr><th style=\"text-align:left;padding:2px 8px\">무엇</th>")
                    .append(anyExpected ? "<th style=\"text-align:left;padding:2px 8px\">기대</th>" : "")
                    .append("<th style=\"text-align:left;padding:2px 8px\">결과</th>")
                    .append("<th style=\"text-align:left;padding:2px 8px\">힌트</th></tr>");
            String lastHint = "";
            for (Finding f : result.failures()) {
                sb.append("<tr>");
                String hint = f.hint().equals(lastHint) ? "〃" : f.hint();   // a repeated hint is said once
                lastHint = f.hint();
                String[] cells = anyExpected ? new String[]{f.what(), f.expected(), f.got(), hint}
                        : new String[]{f.what(), f.got(), hint};
                for (String cell : cells) {
                    sb.append("<td style=\"text-align:left;vertical-align:top;padding:2px 8px;font-family:monospace\">")
                            .append(Html.escape(cell)).append("</td>");
                }
                sb.append("</tr>");
            }
            sb.append("</table>");
        }
        if (result.failed() > result.failures().size()) {
            sb.append("<div>… 그 밖에 ").append(result.failed() - result.failures().size())
                    .append("개가 더 다릅니다.</div>");
        }
        if (!result.failures().isEmpty()) {
            sb.append("<div style=\"margin-top:4px;color:#555\">").append(Html.escape(ExerciseResult.HIDDEN_NOTE))
                    .append("</div>");
        }
        return sb.append("</div>").toString();
    }

    private static String[] colours(ExerciseStatus status) {
        return switch (status) {
            case PASSED -> new String[]{"#2e7d32", "#e8f5e9"};
            case FAILED, ERROR -> new String[]{"#c62828", "#ffebee"};
            case UNSOLVED -> new String[]{"#757575", "#f5f5f5"};
            case BROKEN -> new String[]{"#ef6c00", "#fff3e0"};
        };
    }

    private static String icon(ExerciseStatus status) {
        return switch (status) {
            case PASSED -> "✔";
            case FAILED, ERROR -> "✘";
            case UNSOLVED -> "✎";
            case BROKEN -> "⚠";
        };
    }
}
