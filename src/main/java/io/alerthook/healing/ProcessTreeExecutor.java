package io.alerthook.healing;

import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecCommandExecutor;
import org.apache.camel.component.exec.ExecResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a playbook command for camel-exec (its {@code commandExecutor} extension point) with what the default
 * executor cannot do: an environment of the run's own instead of alerthook's, a timeout that kills the
 * command together with the processes it started, and output kept as a bounded tail, so a chatty
 * command cannot fill the heap.
 */
public final class ProcessTreeExecutor implements ExecCommandExecutor {

    /** Bytes of stdout and of stderr kept from the end of each. */
    static final int TAIL_BYTES = 4096;

    /** Pipes are pumped on threads of their own: a command blocked on a full stderr must not wait for stdout. */
    private final ExecutorService pipes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "playbook-pipe");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public ExecResult execute(ExecCommand command) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(executable(command.getExecutable()));
        argv.addAll(command.getArgs());
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        Cancellation cancellation = null;
        if (command instanceof PlaybookCommand playbookCommand) {
            builder.environment().putAll(playbookCommand.environment());
            cancellation = playbookCommand.cancellation();
        }
        if (command.getWorkingDir() != null) {
            builder.directory(Path.of(command.getWorkingDir()).toFile());
        }
        Process process = builder.start();
        if (cancellation != null) {
            cancellation.attach(process);
        }
        CompletableFuture.runAsync(() -> feed(command.getInput(), process.getOutputStream()), pipes);
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> tail(process.getInputStream()), pipes);
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> tail(process.getErrorStream()), pipes);
        try {
            if (command.getTimeout() > 0 && !process.waitFor(command.getTimeout(), TimeUnit.MILLISECONDS)) {
                killTree(process);
            }
            int exitCode = process.waitFor();
            return new ExecResult(command, new ByteArrayInputStream(collect(stdout)), new ByteArrayInputStream(collect(stderr)), exitCode);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getExecutable(), e);
        }
    }

    /** A relative path names a file under alerthook's working directory, as the playbook check read it. */
    private static String executable(String executable) {
        return executable.contains("/") ? Path.of(executable).toAbsolutePath().toString() : executable;
    }

    /** Children first, collected before the parent dies: once orphaned they are no longer its descendants. */
    static void killTree(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static void feed(InputStream input, OutputStream stdin) {
        try (stdin) {
            if (input != null) {
                input.transferTo(stdin);
            }
        } catch (IOException e) {
            // The command did not read its stdin: that is its choice.
        }
    }

    private static byte[] tail(InputStream output) {
        try (output) {
            byte[] ring = new byte[TAIL_BYTES];
            long total = 0;
            byte[] buffer = new byte[8192];
            int read;
            while ((read = output.read(buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    ring[(int) (total++ % TAIL_BYTES)] = buffer[i];
                }
            }
            if (total <= TAIL_BYTES) {
                return Arrays.copyOf(ring, (int) total);
            }
            byte[] ordered = new byte[TAIL_BYTES];
            int start = (int) (total % TAIL_BYTES);
            System.arraycopy(ring, start, ordered, 0, TAIL_BYTES - start);
            System.arraycopy(ring, 0, ordered, TAIL_BYTES - start, start);
            return ordered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A background child may keep the pipe open after the command exits; its output is not waited for. */
    private static byte[] collect(CompletableFuture<byte[]> output) {
        try {
            return output.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return new byte[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new byte[0];
        }
    }
}
