package rnncourse.kernel.exec;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/** Hands JShell the kernel's {@link CellExecutionControl} and lets the kernel reach it. */
public final class CellExecutionProvider implements ExecutionControlProvider {
    private final ThreadTerminator terminator;
    private final long timeoutMs;
    private volatile CellExecutionControl control;

    /**
     * @param terminator how to force a running cell to stop
     * @param timeoutMs  longest a snippet may run, 0 or less for no limit
     */
    public CellExecutionProvider(ThreadTerminator terminator, long timeoutMs) {
        this.terminator = terminator;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public String name() {
        return "rnncourse-cells";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        control = new CellExecutionControl(terminator, timeoutMs);
        return control;
    }

    /** @return the control JShell is using; null before JShell asked for one */
    public CellExecutionControl control() {
        return control;
    }
}
