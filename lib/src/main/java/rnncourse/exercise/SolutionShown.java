package rnncourse.exercise;

/**
 * A solution shown by {@link Exercise#solution(String)}: the code of the exercise's
 * {@code //// NN-k solution} section in {@code exercises/NN.jsh}.
 *
 * @param id      the exercise
 * @param code    the solution's code, or empty when there is none to show
 * @param message what went wrong when {@code code} is empty
 */
public record SolutionShown(String id, String code, String message) implements HtmlShown {

    /** @return the headline */
    public String headline() {
        return "[연습문제 " + id + "] " + (code.isEmpty() ? "풀이를 보여 줄 수 없습니다" : "풀이 (본 것으로 기록했습니다)");
    }

    private static final String HOW = "이 코드를 연습문제 셀의 첫 줄(// 연습문제 ...) 아래에 넣고, 그 셀과 확인 셀을 차례로 실행하세요.";

    @Override
    public String html() {
        if (code.isEmpty()) {
            return HtmlShown.box("#757575", "#f5f5f5", headline(),
                    "<div style=\"margin-top:4px\">" + HtmlShown.escape(message) + "</div>");
        }
        return HtmlShown.box("#6a1b9a", "#f3e5f5", headline(),
                "<pre style=\"margin:6px 0;background:#fff;padding:6px;border-radius:4px\">" + HtmlShown.escape(code)
                        + "</pre><div style=\"color:#555\">" + HtmlShown.escape(HOW) + "</div>");
    }

    @Override
    public String toString() {
        return headline() + "\n" + (code.isEmpty() ? "  " + message : code + "\n\n" + HOW);
    }
}
