package rnncourse.exercise;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnncourse.exercise.checks.Checks99;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hints one at a time, the solution on request, and the progress they and the checks leave. */
class ExerciseHelpTest {
    @TempDir
    Path home;
    private String before;

    @BeforeEach
    void ownProgressFile() {
        before = System.getProperty(ProgressStore.PROPERTY);
        System.setProperty(ProgressStore.PROPERTY, home.resolve("p/progress.json").toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ProgressStore.PROPERTY);
        } else {
            System.setProperty(ProgressStore.PROPERTY, before);
        }
    }

    @Test
    void theCatalogFindsEachNotebooksChecksClass() {
        assertTrue(Course.find("99-1").isPresent(), Course.exercises().toString());
        assertEquals("두 배", Course.find("99-1").get().title());
    }

    @Test
    void hintsComeOneAtATimeThenTheLastRepeats() {
        assertEquals("곱하기입니다.", Exercise.hint("99-1").text());
        HintShown second = Exercise.hint("99-1");
        assertEquals(2, second.number());
        assertEquals("2를 곱하세요.", second.text());
        assertTrue(second.toString().contains("한 번 더"), second.toString());
        assertEquals("return 2 * x;", Exercise.hint("99-1").text());
        HintShown again = Exercise.hint("99-1");
        assertEquals(3, again.number());
        assertTrue(again.toString().contains("Exercise.solution(\"99-1\")"), again.toString());
        assertEquals(4, ProgressStore.standard().get("99-1").hintsUsed());
    }

    @Test
    void anUnknownIdSaysWhichExist() {
        HintShown none = Exercise.hint("99-7");
        assertEquals(0, none.number());
        assertTrue(none.text().contains("99-1"), none.text());
        assertTrue(Exercise.solution("nonsense").code().isEmpty());
        assertTrue(Exercise.hint(null).text().contains("없습니다"));
    }

    @Test
    void theSolutionComesFromTheExercisesFileAndIsRecordedAsSeen() {
        SolutionShown s = Exercise.solution("99-1");
        assertEquals("int twice(int x) {\n    return 2 * x;\n}", s.code());
        assertFalse(s.code().contains("x + 2"), "only the solution section, not the wrong answers");
        assertTrue(s.html().contains("return 2 * x;"));
        assertTrue(ProgressStore.standard().get("99-1").solutionSeen());
    }

    @Test
    void progressRecordsTriesAndSurvivesANewStore() {
        assertEquals("아직 안 풀어 봄", row().status());
        Checks99.twice(x -> Exercise.todo());                       // a skeleton's run is not a try
        assertEquals(0, row().tries());
        Checks99.twice(x -> x + 2);
        assertEquals("시도했으나 실패", row().status());
        Checks99.twice(x -> {
            throw new IllegalStateException("oops");
        });
        Checks99.twice(x -> 2 * x);
        Exercise.solution("99-1");
        ExerciseProgress p = row();
        assertEquals(3, p.tries());
        assertEquals("통과", p.status());
        assertTrue(p.solutionSeen());
        // what a restarted kernel sees: a fresh store on the same file
        ExerciseProgress reread = new ProgressStore(ProgressStore.defaultFile(), System.err).get("99-1");
        assertEquals(p, reread);
        ProgressTable table = Exercise.progress();
        assertTrue(table.toString().contains("99-1\t두 배\t통과\t3\t0/3\t봄"), table.toString());
        assertTrue(table.html().contains("<table"), table.html());
    }

    private static ExerciseProgress row() {
        return ProgressStore.standard().get("99-1");
    }

    @Test
    void aBrokenFileIsSetAsideAndReportedOnceAndTheCheckStillRuns() throws Exception {
        Path file = ProgressStore.defaultFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ not json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressStore store = new ProgressStore(file, new PrintStream(err, true, StandardCharsets.UTF_8));
        store.recordCheck("99-1", ExerciseStatus.PASSED);
        store.recordCheck("99-1", ExerciseStatus.FAILED);
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.split("\\[진도]", -1).length - 1, said);
        assertTrue(Files.exists(file.resolveSibling("progress.json.broken")), said);
        assertEquals(2, new ProgressStore(file, System.err).get("99-1").tries());
    }

    @Test
    void anUnwritableFileLeavesTheProgressInMemoryAndTheCheckPasses() throws Exception {
        Path blocker = home.resolve("a-file");
        Files.writeString(blocker, "x");
        System.setProperty(ProgressStore.PROPERTY, blocker.resolve("progress.json").toString());   // parent is a file
        ExerciseResult r = Checks99.twice(x -> 2 * x);
        assertEquals(ExerciseStatus.PASSED, r.status());
        assertEquals(1, ProgressStore.standard().get("99-1").tries());
    }

    @Test
    void progressReportPrintsAHomesTable() throws Exception {
        Checks99.twice(x -> 2 * x);
        Path homeDir = home.resolve("student");
        Files.createDirectories(homeDir.resolve(".rnncourse"));
        Files.copy(ProgressStore.defaultFile(), homeDir.resolve(".rnncourse/progress.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ProgressReport.run(new String[]{homeDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("99-1\t두 배\t통과\t1"), out.toString(StandardCharsets.UTF_8));
        assertEquals(1, ProgressReport.run(new String[]{home.resolve("nobody").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void solutionSectionParsing() {
        String text = "//// 01-1 solution\na\n//// 01-1 wrong: x\nb\n//// 01-2 solution\nc\n";
        assertEquals("a", Solutions.section(text, "01-1").orElseThrow());
        assertEquals("c", Solutions.section(text, "01-2").orElseThrow());
        assertTrue(Solutions.section(text, "01-3").isEmpty());
    }
}
