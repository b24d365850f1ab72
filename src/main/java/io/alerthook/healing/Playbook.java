package io.alerthook.healing;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import org.apache.camel.util.TimeUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One healing playbook: which alerts it answers and the argv it runs. It is the local bean of a
 * {@code templatedRoute} of the {@code playbook} template: Camel sets each template parameter through a
 * setter (so a value keeps its commas, quotes and {@code ${...}} as written), then calls {@link #init()},
 * which checks everything once, so a mistake stops startup with the playbook's name in the message.
 */
public final class Playbook {

    private static final Set<String> STATUSES = Set.of("firing", "resolved", "any");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private String name;
    private String alertname;
    private String status = "firing";
    private String matchers = "";
    private String command;
    private String args = "";
    private String timeout = "30s";

    private List<LabelMatcher> labelMatchers;
    private ArgvTemplate argvTemplate;
    private Duration timeoutDuration;

    public void init() {
        try {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name may hold only letters, digits, '.', '_' and '-'");
            }
            if (alertname == null || alertname.isBlank()) {
                throw new IllegalArgumentException("alertname is required");
            }
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("status must be firing, resolved or any, got \"" + status + "\"");
            }
            labelMatchers = LabelMatcher.parseAll(matchers);
            argvTemplate = new ArgvTemplate(args);
            timeoutDuration = Duration.ofMillis(TimeUtils.toMilliSeconds(timeout));
            Path executable = Path.of(command == null ? "" : command);
            if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
                throw new IllegalArgumentException("command " + executable.toAbsolutePath() + " is not an executable file");
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("playbook \"" + name + "\": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public boolean matches(AlertEvent event) {
        Alert alert = event.alert();
        return alert.alertname().equals(alertname)
                && (status.equals("any") || status.equals(alert.status()))
                && labelMatchers.stream().allMatch(matcher -> matcher.matches(alert.labels()));
    }

    /** Starts a run for the alert: its argv is fixed now, and its clock starts. */
    public HealRun start(AlertEvent event) {
        return new HealRun(name, event, argvTemplate.render(event.alert()), timeoutDuration, System.nanoTime());
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setAlertname(String alertname) {
        this.alertname = alertname;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public void setMatchers(String matchers) {
        this.matchers = matchers;
    }

    public void setCommand(String command) {
        this.command = command;
    }

    public void setArgs(String args) {
        this.args = args;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }
}
