package io.alerthook.healing;

/**
 * Lets another thread stop a run: its alert resolved while the command was still at work. Either side may
 * come first: a run cancelled before its process exists is killed the moment the process is attached.
 */
public final class Cancellation {

    private volatile Process process;
    private volatile boolean cancelled;

    void attach(Process started) {
        process = started;
        if (cancelled) {
            ProcessTreeExecutor.killTree(started);
        }
    }

    void cancel() {
        cancelled = true;
        Process running = process;
        if (running != null) {
            ProcessTreeExecutor.killTree(running);
        }
    }

    boolean isCancelled() {
        return cancelled;
    }
}
