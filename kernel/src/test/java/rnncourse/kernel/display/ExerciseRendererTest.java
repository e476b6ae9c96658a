package rnncourse.kernel.display;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.exercise.Finding;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExerciseRendererTest {
    private final RenderRegistry registry = RenderRegistry.withDefaults();

    @Test
    void failedResultIsRedBoxWithEscapedFindingsTextAndStatus() {
        ExerciseResult failed = new ExerciseResult("02-1", "RNN 한 스텝", ExerciseStatus.FAILED, "",
                List.of(new Finding("h<1>", "모양 (2, 3)", "모양 (3, 2)", "전치 & 곱셈 순서", false)), 4, 1);
        Map<String, Object> out = registry.render(failed);

        assertEquals(Map.of("id", "02-1", "status", "failed"), out.get(ExerciseResult.MIME_TYPE));
        String html = (String) out.get(MimeTypes.HTML);
        assertTrue(html.contains("#c62828"), html);
        assertTrue(html.contains("h&lt;1&gt;") && html.contains("전치 &amp; 곱셈 순서"), html);
        assertTrue(html.contains("[연습문제 02-1] RNN 한 스텝"), html);
        assertFalse(html.contains("<1>"), html);
        String text = (String) out.get(MimeTypes.TEXT);
        assertTrue(text.contains("기대: 모양 (2, 3)") && text.contains("결과: 모양 (3, 2)"), text);
    }

    @Test
    void aValueComparisonHasNoExpectedColumnAndSaysWhy() {
        ExerciseResult failed = new ExerciseResult("04-1", "", ExerciseStatus.FAILED, "",
                List.of(new Finding("시점 3", "", "11.1328", "평균인지 보세요", false)), 4, 1);
        Map<String, Object> out = registry.render(failed);
        String html = (String) out.get(MimeTypes.HTML);
        assertFalse(html.contains(">기대</th>"), html);
        assertTrue(html.contains(">결과</th>") && html.contains("11.1328"), html);
        assertTrue(html.contains(Html.escape(ExerciseResult.HIDDEN_NOTE)), html);
        String text = (String) out.get(MimeTypes.TEXT);
        assertFalse(text.contains("기대:"), text);
        assertTrue(text.contains(ExerciseResult.HIDDEN_NOTE), text);
    }

    @Test
    void everyStatusHasItsOwnBoxAndJsonName() {
        for (ExerciseStatus status : ExerciseStatus.values()) {
            ExerciseResult r = new ExerciseResult("04-3", "", status, "메시지", List.of(), 1, 0);
            Map<String, Object> out = registry.render(r);
            assertTrue(((String) out.get(MimeTypes.HTML)).contains("rnncourse-exercise-" + status.json()));
            assertEquals(status.json(), ((Map<?, ?>) out.get(ExerciseResult.MIME_TYPE)).get("status"));
        }
        ExerciseResult unsolved = new ExerciseResult("04-3", "", ExerciseStatus.UNSOLVED, "", List.of(), 0, 0);
        assertTrue(registry.render(unsolved).get(MimeTypes.TEXT).toString().contains("아직 풀지 않았습니다"));
    }
}
