package rnncourse.kernel.startup;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone. Without this a JVM whose
 * notebook server (or nbconvert, or a test) died keeps running, holding its ports and the
 * pipes of whatever started it.
 */
public final class ParentProcessWatch {
    static final long POLL_MS = 1000;

    private ParentProcessWatch() {
    }

    /**
     * Starts a daemon thread watching the parent: the pid in {@code JPY_PARENT_PID} if set
     * (Jupyter sets it), otherwise this process's parent.
     *
     * @param log where to say why the kernel exits
     */
    public static void start(PrintStream log) {
        Optional<ProcessHandle> parent = parent();
        if (parent.isEmpty()) {
            if (declaredParentPid() != null) {
                // Jupyter named the parent, and it exited before this JVM got this far.
                log.println("rnn-course kernel: parent process " + declaredParentPid() + " is already gone; exiting");
                log.flush();
                Runtime.getRuntime().halt(0);
            }
            return;
        }
        ProcessHandle watched = parent.get();
        boolean watchedIsOsParent = ProcessHandle.current().parent().map(p -> p.pid() == watched.pid()).orElse(false);
        Thread watcher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
                // A dead parent that nobody reaped yet still looks alive, but its children have
                // already been handed to another parent: check both.
                boolean orphaned = watchedIsOsParent
                        && ProcessHandle.current().parent().map(p -> p.pid() != watched.pid()).orElse(true);
                if (orphaned || !watched.isAlive()) {
                    log.println("rnn-course kernel: parent process " + watched.pid() + " is gone; exiting");
                    log.flush();
                    Runtime.getRuntime().halt(0);
                }
            }
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Optional<ProcessHandle> parent() {
        Long declared = declaredParentPid();
        return declared != null ? ProcessHandle.of(declared) : ProcessHandle.current().parent();
    }

    /** @return the pid Jupyter put in JPY_PARENT_PID, or null if absent or malformed */
    private static Long declaredParentPid() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || pid.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(pid.strip());
        } catch (NumberFormatException malformed) {
            return null;
        }
    }
}
