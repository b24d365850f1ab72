package io.alerthook.healing;

import org.apache.camel.component.exec.ExecCommand;

import java.util.Map;

/** A camel-exec command that also carries the environment its process gets (and nothing else) and its run's cancellation. */
public final class PlaybookCommand extends ExecCommand {

    private final transient Map<String, String> environment;
    private final transient Cancellation cancellation;

    PlaybookCommand(ExecCommand command, Map<String, String> environment, Cancellation cancellation) {
        super(command.getExecutable(), command.getArgs(), command.getWorkingDir(), command.getTimeout(),
                command.getExitValues(), command.getInput(), command.getOutFile(), command.isUseStderrOnEmptyStdout(),
                command.getCommandLogLevel());
        this.environment = Map.copyOf(environment);
        this.cancellation = cancellation;
    }

    public Map<String, String> environment() {
        return environment;
    }

    Cancellation cancellation() {
        return cancellation;
    }
}
