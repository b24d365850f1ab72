package io.alerthook.healing;

import org.apache.camel.LoggingLevel;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real processes, as a playbook runs them. */
class ProcessTreeExecutorTest {

    private final ProcessTreeExecutor executor = new ProcessTreeExecutor();

    @Test
    void givesTheCommandOnlyItsOwnEnvironment() throws Exception {
        ExecResult result = executor.execute(command("/usr/bin/env", List.of(), null, 10_000, "",
                Map.of("PATH", "/usr/bin:/bin", "ALERT_FINGERPRINT", "9977655340ded8b2")));

        assertThat(text(result.getStdout()).lines()).containsExactlyInAnyOrder(
                "PATH=/usr/bin:/bin", "ALERT_FINGERPRINT=9977655340ded8b2");
        assertThat(result.getExitValue()).isZero();
    }

    @Test
    void runsInTheWorkingDirectoryWithTheAlertOnStdin(@TempDir Path dir) throws Exception {
        assertThat(text(executor.execute(command("/bin/pwd", List.of(), dir, 10_000, "", Map.of())).getStdout()).trim())
                .isEqualTo(dir.toRealPath().toString());
        assertThat(text(executor.execute(command("/bin/cat", List.of(), dir, 10_000, "{\"alert\":1}", Map.of())).getStdout()))
                .isEqualTo("{\"alert\":1}");
    }

    @Test
    void killsTheCommandAndItsChildrenOnTimeout(@TempDir Path dir) throws Exception {
        Path script = spawningScript(dir);
        Path childPid = dir.resolve("child.pid");
        long started = System.nanoTime();

        ExecResult result = executor.execute(command(script.toString(), List.of(childPid.toString()), dir, 300, "", Map.of()));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.getExitValue()).isNotZero();
        long pid = Long.parseLong(Files.readString(childPid).trim());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false);
    }

    @Test
    void killsTheCommandAndItsChildrenWhenCancelled(@TempDir Path dir) throws Exception {
        Path script = spawningScript(dir);
        Path childPid = dir.resolve("child.pid");
        PlaybookCommand command = command(script.toString(), List.of(childPid.toString()), dir, 60_000, "", Map.of());
        CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return executor.execute(command);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(childPid) && !Files.readString(childPid).isBlank());

        command.cancellation().cancel();

        assertThat(running.get(10, TimeUnit.SECONDS).getExitValue()).isNotZero();
        long pid = Long.parseLong(Files.readString(childPid).trim());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false);
    }

    @Test
    void keepsTheTailOfALongOutput() throws Exception {
        ExecResult result = executor.execute(command("/usr/bin/seq", List.of("100000"), null, 10_000, "", Map.of()));

        String stdout = text(result.getStdout());
        assertThat(stdout).hasSize(ProcessTreeExecutor.TAIL_BYTES).endsWith("99999\n100000\n");
    }

    private static PlaybookCommand command(String executable, List<String> args, Path dir, long timeoutMillis, String stdin,
                                           Map<String, String> environment) {
        ExecCommand command = new ExecCommand(executable, args, dir == null ? null : dir.toString(), timeoutMillis, Set.of(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null, false, LoggingLevel.DEBUG);
        return new PlaybookCommand(command, environment, new Cancellation());
    }

    /** A script that starts a long-running child, writes its pid to the file named by its argument, and waits. */
    private static Path spawningScript(Path dir) throws IOException {
        Path script = dir.resolve("spawn.sh");
        Files.writeString(script, "#!/bin/sh\nsleep 1000 &\necho $! > \"$1\"\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static String text(java.io.InputStream stream) throws Exception {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
}
