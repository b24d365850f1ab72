package io.alerthook.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Processes a test starts, each logging to a file of its own, all stopped (with their children) by {@link #close}. */
final class Processes implements AutoCloseable {

    private final Path logDir;
    private final List<Process> started = new ArrayList<>();

    Processes(Path logDir) {
        this.logDir = logDir;
    }

    Process start(String name, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** The last lines each process wrote, to explain a failure. */
    String logs() {
        StringBuilder logs = new StringBuilder();
        try (var files = Files.list(logDir)) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                logs.append("==> ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()))).append('\n');
            }
        } catch (IOException e) {
            logs.append("(logs unreadable: ").append(e.getMessage()).append(")\n");
        }
        return logs.toString();
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).descendants().forEach(ProcessHandle::destroy);
            started.get(i).destroy();
        }
        for (Process process : started) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose successor is free too (the demo web app's supervisor listens on port + 1). */
    static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket second = new ServerSocket(first.getLocalPort() + 1, 1, InetAddress.getLoopbackAddress())) {
                return first.getLocalPort();
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IllegalStateException("no two consecutive free ports on loopback");
    }
}
