package rnncourse.exercise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference solutions, read from {@code exercises/NN.jsh} as the library jar carries it
 * (resource {@value #FOLDER}{@code NN.jsh}): the lines of the {@code //// NN-k solution}
 * section, up to the next {@code ////} marker.
 */
final class Solutions {
    static final String FOLDER = "/rnncourse/exercise/solutions/";

    private Solutions() {
    }

    /** @return the solution's code, if the jar has the file and the file has the section */
    static Optional<String> of(String id) throws IOException {
        try (InputStream in = Solutions.class.getResourceAsStream(FOLDER + id.substring(0, 2) + ".jsh")) {
            if (in == null) {
                return Optional.empty();
            }
            return section(new String(in.readAllBytes(), StandardCharsets.UTF_8), id);
        }
    }

    /** The {@code //// id solution} section of an exercises file's text. */
    static Optional<String> section(String text, String id) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("////")) {
                if (inside) {
                    break;
                }
                String[] words = line.substring(4).trim().split("\\s+");
                inside = words.length >= 2 && words[0].equals(id) && words[1].equals("solution");
            } else if (inside) {
                lines.add(line);
            }
        }
        String code = String.join("\n", lines).strip();
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }
}
