package rnncourse.exercise;

/**
 * A hint handed out by {@link Exercise#hint(String)}.
 *
 * @param id     the exercise
 * @param number which hint this is, from 1 (0 when the id is unknown)
 * @param of     how many hints the exercise has
 * @param text   the hint, or what went wrong with the request
 */
public record HintShown(String id, int number, int of, String text) implements HtmlShown {

    /** @return the headline: "[연습문제 04-1] 힌트 2/3" */
    public String headline() {
        return "[연습문제 " + id + "] " + (number == 0 ? "힌트 없음" : "힌트 " + number + "/" + of);
    }

    private String footer() {
        if (number == 0) {
            return "";
        }
        return number < of ? "더 강한 힌트: Exercise.hint(\"" + id + "\")를 한 번 더 실행하세요."
                : "마지막 힌트입니다. 풀이는 Exercise.solution(\"" + id + "\")로 볼 수 있습니다 (본 것으로 기록됩니다).";
    }

    @Override
    public String html() {
        String foot = footer();
        return HtmlShown.box("#1565c0", "#e3f2fd", headline(),
                "<div style=\"margin-top:4px;white-space:pre-wrap\">" + HtmlShown.escape(text) + "</div>"
                        + (foot.isEmpty() ? "" : "<div style=\"margin-top:4px;color:#555\">" + HtmlShown.escape(foot) + "</div>"));
    }

    @Override
    public String toString() {
        String foot = footer();
        return headline() + "\n  " + text.replace("\n", "\n  ") + (foot.isEmpty() ? "" : "\n  " + foot);
    }
}
