package rnncourse.data;

/**
 * A data file exists but its content is not what was expected (a CSV line that does not parse, an IDX
 * file with a wrong magic number or too few bytes). The message names the file and the place.
 */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A new exception with the given message. */
    public DataFormatException(String message) {
        super(message);
    }

    /** A new exception with the given message and cause. */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
