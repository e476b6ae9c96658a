package rnncourse.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file that cannot be read or is refused: truncated or corrupt, an unsupported element
 * type or byte order, or content that is not a plain state dict (a pickled whole model, TorchScript,
 * a pickle that would call a function). The message starts with the file and says what was found
 * and what to do instead.
 */
public class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /** A new exception about {@code file}; the message is prefixed with the file's name. */
    public CheckpointException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    /** As {@link #CheckpointException(Path, String)}, with the low-level cause. */
    public CheckpointException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }
}
