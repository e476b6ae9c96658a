package rnncourse.exercise;

import java.util.ArrayList;
import java.util.List;

/**
 * The course's progress table: one row per exercise, in course order.
 *
 * @param file where the records come from
 * @param rows one per exercise
 */
public record ProgressTable(String file, List<Row> rows) implements HtmlShown {

    /**
     * One exercise's row.
     *
     * @param info     the exercise
     * @param progress what is recorded of it
     */
    public record Row(ExerciseInfo info, ExerciseProgress progress) {
    }

    public ProgressTable {
        rows = List.copyOf(rows);
    }

    /** @return every exercise of the {@link Course} with what {@code store} records of it */
    public static ProgressTable of(ProgressStore store) {
        List<ExerciseInfo> all = Course.exercises();
        List<ExerciseProgress> recorded = store.rows(all);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            rows.add(new Row(all.get(i), recorded.get(i)));
        }
        return new ProgressTable(store.file().toString(), rows);
    }

    /** The column titles. */
    public static final List<String> COLUMNS = List.of("노트북", "문제", "제목", "상태", "시도", "힌트", "풀이");

    /** @return how many exercises passed on their last try */
    public long passed() {
        return rows.stream().filter(r -> "passed".equals(r.progress().lastOutcome())).count();
    }

    /** @return the summary line: "35문제 중 3문제 통과 (진도 파일: ...)" */
    public String summary() {
        return rows.size() + "문제 중 " + passed() + "문제 통과 (진도 파일: " + file + ")";
    }

    private static List<String> cells(Row r) {
        ExerciseProgress p = r.progress();
        return List.of(r.info().notebook(), r.info().id(), r.info().title(), p.status(), String.valueOf(p.tries()),
                p.hintsUsed() + "/" + r.info().hints().size(), p.solutionSeen() ? "봄" : "");
    }

    @Override
    public String html() {
        StringBuilder sb = new StringBuilder("<div class=\"rnncourse-progress\"><div style=\"font-weight:bold\">")
                .append(HtmlShown.escape(summary())).append("</div><table style=\"border-collapse:collapse\"><tr>");
        for (String c : COLUMNS) {
            sb.append("<th style=\"text-align:left;padding:2px 8px;border-bottom:1px solid #999\">")
                    .append(HtmlShown.escape(c)).append("</th>");
        }
        sb.append("</tr>");
        for (Row r : rows) {
            String colour = switch (r.progress().status()) {
                case "통과" -> "#e8f5e9";
                case "시도했으나 실패", "통과했다가 다시 틀림" -> "#ffebee";
                default -> "transparent";
            };
            sb.append("<tr style=\"background:").append(colour).append("\">");
            for (String c : cells(r)) {
                sb.append("<td style=\"text-align:left;padding:2px 8px\">").append(HtmlShown.escape(c)).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</table></div>").toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        sb.append(String.join("\t", COLUMNS)).append('\n');
        for (Row r : rows) {
            sb.append(String.join("\t", cells(r))).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
