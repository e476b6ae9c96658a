package rnncourse.data;

/**
 * A course data file is missing. The message names the file, where it was looked for and how to get
 * it. Unchecked, so that notebook cells need no {@code try}.
 */
public class DataFileNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A new exception with the given message. */
    public DataFileNotFoundException(String message) {
        super(message);
    }
}
