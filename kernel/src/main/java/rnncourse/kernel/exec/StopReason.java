package rnncourse.kernel.exec;

/** Why a running cell was stopped from outside. */
public enum StopReason {
    /** The user pressed interrupt. */
    INTERRUPTED,
    /** The cell ran longer than IJAVA_TIMEOUT. */
    TIMED_OUT
}
