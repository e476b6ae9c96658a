package rnncourse.kernel.magic;

/** A magic was used wrongly; the message says how it should be used. */
public final class MagicException extends Exception {
    /** @param message what was wrong and what was expected */
    public MagicException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause   the underlying failure
     */
    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
