package rnncourse.kernel.api;

/**
 * Where the running kernel plugs in its {@link DisplaySink}. Kept apart from {@link Notebook}
 * because cells import Notebook's methods statically, and this one is not for them.
 */
public final class KernelBridge {
    private static volatile DisplaySink sink;

    private KernelBridge() {
    }

    /**
     * Connects the display functions to a kernel. Called once by the kernel at start-up.
     *
     * @param kernelSink where displayed objects go
     */
    public static void connect(DisplaySink kernelSink) {
        sink = kernelSink;
    }

    /** @return the connected sink */
    static DisplaySink sink() {
        DisplaySink current = sink;
        if (current == null) {
            throw new IllegalStateException(
                    "display functions need the notebook kernel; none is connected in this JVM");
        }
        return current;
    }
}
