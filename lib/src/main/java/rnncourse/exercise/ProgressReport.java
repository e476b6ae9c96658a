package rnncourse.exercise;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code make progress}: the progress table outside Jupyter, for a student or a teacher looking
 * at a home folder.
 *
 * <pre>
 * java -cp lib.jar rnncourse.exercise.ProgressReport              # the default file
 * java -cp lib.jar rnncourse.exercise.ProgressReport FILE_OR_HOME  # ~/.rnncourse/progress.json below a home, or a file
 * </pre>
 */
public final class ProgressReport {
    private ProgressReport() {
    }

    /** @param args progress files or home folders; none: the default file */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {   // the student's own file: before any check there is none, and nothing is done
            out.println(ProgressTable.of(ProgressStore.standard()));
            return 0;
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            files.add(Files.isDirectory(p) ? p.resolve(".rnncourse").resolve("progress.json") : p);
        }
        int status = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("progress: " + file + " 없음 (아직 확인 셀을 실행한 적이 없거나, 경로가 틀렸습니다)");
                status = 1;
                continue;
            }
            out.println(ProgressTable.of(new ProgressStore(file, err)));
            out.println();
        }
        return status;
    }
}
