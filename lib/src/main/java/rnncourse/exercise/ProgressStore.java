package rnncourse.exercise;

import rnncourse.io.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The student's progress, kept in a small JSON file that survives kernel restarts and is shared
 * by every notebook (and every kernel: updates take a file lock and replace the file
 * atomically).
 *
 * <p>Where: the system property {@value #PROPERTY}, else the environment variable
 * {@value #ENVIRONMENT}, else {@code ~/.rnncourse/progress.json}. A file that cannot be read,
 * parsed or written never breaks a check: the problem is reported once on standard error, a
 * broken file is set aside beside itself ({@code progress.json.broken}), and the session goes on
 * with what it remembers in memory.
 */
public final class ProgressStore {
    /** System property naming the progress file. */
    public static final String PROPERTY = "rnncourse.progress";
    /** Environment variable naming the progress file (the hub sets it to the student's folder). */
    public static final String ENVIRONMENT = "RNNCOURSE_PROGRESS";

    private static final int VERSION = 1;
    private static final Object JVM_LOCK = new Object();
    private static volatile ProgressStore standard;

    private final Path file;
    private final PrintStream warnings;
    private final Map<String, ExerciseProgress> memory = new TreeMap<>();
    private boolean warned;
    private boolean fileUsable = true;

    /**
     * @param file     the progress file (made, with its folder, on the first update)
     * @param warnings where the one-time warning about an unusable file goes
     */
    public ProgressStore(Path file, PrintStream warnings) {
        this.file = file.toAbsolutePath();
        this.warnings = warnings;
    }

    /** @return the store at the default place (see the class comment), made once per JVM */
    public static ProgressStore standard() {
        ProgressStore store = standard;
        Path wanted = defaultFile();
        if (store == null || !store.file.equals(wanted.toAbsolutePath())) {
            synchronized (JVM_LOCK) {
                store = new ProgressStore(wanted, System.err);
                standard = store;
            }
        }
        return store;
    }

    /** @return the default progress file (see the class comment) */
    public static Path defaultFile() {
        String named = System.getProperty(PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(ENVIRONMENT);
        }
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        return Path.of(System.getProperty("user.home"), ".rnncourse", "progress.json");
    }

    /** @return the file this store keeps */
    public Path file() {
        return file;
    }

    /** Records one check's outcome; "unsolved" and "broken" are not tries and change nothing. */
    public void recordCheck(String id, ExerciseStatus status) {
        String outcome = switch (status) {
            case PASSED -> "passed";
            case FAILED, ERROR -> "failed";
            case UNSOLVED, BROKEN -> null;
        };
        if (outcome != null) {
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            update(id, p -> p.withTry(outcome, now));
        }
    }

    /** Counts one more hint; @return the exercise's record after it */
    public ExerciseProgress recordHint(String id) {
        return update(id, ExerciseProgress::withHint);
    }

    /** Records that the solution was shown. */
    public void recordSolutionSeen(String id) {
        update(id, ExerciseProgress::withSolutionSeen);
    }

    /** @return the record of one exercise (untouched when the file has none) */
    public ExerciseProgress get(String id) {
        return readAll().getOrDefault(id, ExerciseProgress.untouched(id));
    }

    /** @return every recorded exercise by id (the file's, else what this session remembers) */
    public Map<String, ExerciseProgress> readAll() {
        synchronized (JVM_LOCK) {
            if (fileUsable) {
                try {
                    Map<String, ExerciseProgress> onDisk = readFile();
                    memory.clear();
                    memory.putAll(onDisk);
                } catch (IllegalArgumentException broken) {
                    warnOnce("진도 파일 " + file + "이(가) 깨져 있습니다 (" + broken.getMessage()
                            + "). 다음 기록 때 " + file.getFileName() + ".broken(으)로 옮기고 새로 시작합니다.");
                } catch (IOException | RuntimeException e) {
                    fileProblem("읽을", e);
                }
            }
            return new TreeMap<>(memory);
        }
    }

    private ExerciseProgress update(String id, UnaryOperator<ExerciseProgress> change) {
        synchronized (JVM_LOCK) {
            if (fileUsable) {
                try {
                    return updateFile(id, change);
                } catch (IOException | RuntimeException e) {
                    fileProblem("쓸", e);
                }
            }
            ExerciseProgress next = change.apply(memory.getOrDefault(id, ExerciseProgress.untouched(id)));
            memory.put(id, next);
            return next;
        }
    }

    private ExerciseProgress updateFile(String id, UnaryOperator<ExerciseProgress> change) throws IOException {
        Files.createDirectories(file.getParent());
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            Map<String, ExerciseProgress> all;
            try {
                all = readFile();
            } catch (IllegalArgumentException broken) {
                setAside(broken);
                all = new TreeMap<>(memory);
            }
            ExerciseProgress next = change.apply(all.getOrDefault(id, ExerciseProgress.untouched(id)));
            all.put(id, next);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, toJson(all), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            memory.clear();
            memory.putAll(all);
            return next;
        }
    }

    /** A file that does not parse is kept beside itself, not overwritten silently. */
    private void setAside(IllegalArgumentException why) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".broken");
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        warnOnce("진도 파일 " + file + "이(가) 깨져 있어 " + aside + "(으)로 옮기고 새로 시작합니다 ("
                + why.getMessage() + ").");
    }

    private Map<String, ExerciseProgress> readFile() throws IOException {
        Map<String, ExerciseProgress> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return out;
        }
        if (!(Json.parse(text) instanceof Map<?, ?> root) || !(root.get("exercises") instanceof Map<?, ?> exercises)) {
            throw new IllegalArgumentException("no \"exercises\" object at the top");
        }
        for (Map.Entry<?, ?> e : exercises.entrySet()) {
            String id = String.valueOf(e.getKey());
            if (!Exercise.ID.matcher(id).matches() || !(e.getValue() instanceof Map<?, ?> rec)) {
                throw new IllegalArgumentException("entry " + Json.quote(id) + " is not an exercise record");
            }
            out.put(id, new ExerciseProgress(id, text(rec, "lastOutcome"), Boolean.TRUE.equals(rec.get("everPassed")),
                    count(rec, "tries"), count(rec, "hintsUsed"), Boolean.TRUE.equals(rec.get("solutionSeen")),
                    text(rec, "lastTry")));
        }
        return out;
    }

    private static String text(Map<?, ?> rec, String key) {
        return rec.get(key) instanceof String s ? s : "";
    }

    private static int count(Map<?, ?> rec, String key) {
        return rec.get(key) instanceof Long n && n >= 0 && n <= Integer.MAX_VALUE ? n.intValue() : 0;
    }

    static String toJson(Map<String, ExerciseProgress> all) {
        StringBuilder sb = new StringBuilder("{\n  \"version\": ").append(VERSION).append(",\n  \"exercises\": {");
        String sep = "\n";
        for (ExerciseProgress p : all.values()) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("lastOutcome", Json.quote(p.lastOutcome()));
            fields.put("everPassed", String.valueOf(p.everPassed()));
            fields.put("tries", String.valueOf(p.tries()));
            fields.put("hintsUsed", String.valueOf(p.hintsUsed()));
            fields.put("solutionSeen", String.valueOf(p.solutionSeen()));
            fields.put("lastTry", Json.quote(p.lastTry()));
            sb.append(sep).append("    ").append(Json.quote(p.id())).append(": {");
            String inner = "";
            for (Map.Entry<String, String> f : fields.entrySet()) {
                sb.append(inner).append(Json.quote(f.getKey())).append(": ").append(f.getValue());
                inner = ", ";
            }
            sb.append('}');
            sep = ",\n";
        }
        return sb.append("\n  }\n}\n").toString();
    }

    private void fileProblem(String doing, Exception e) {
        fileUsable = false;
        warnOnce("진도 파일 " + file + "을(를) " + doing + " 수 없어, 이번 세션의 진도는 메모리에만 남깁니다 ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + "). 검사는 그대로 합니다.");
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            warnings.println("[진도] " + message);
        }
    }

    /** @return the rows of the progress table for these exercises, in their order */
    public List<ExerciseProgress> rows(List<ExerciseInfo> exercises) {
        Map<String, ExerciseProgress> all = readAll();
        return exercises.stream().map(e -> all.getOrDefault(e.id(), ExerciseProgress.untouched(e.id()))).toList();
    }
}
