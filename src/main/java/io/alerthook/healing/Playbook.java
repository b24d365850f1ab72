package io.alerthook.healing;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.LabelMatcher;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
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
    private String cooldown = "5m";
    private String concurrency = "1";
    private String attempts = "3";
    private String attemptsWindow = "1h";
    private String dryRun = "false";
    private String cancelOnResolved = "false";
    private String approval = "false";
    private String approvalTimeout = "15m";
    private String globalDryRun = "false";
    private HealingGuard guard;
    private HealApprovals approvals;

    private List<LabelMatcher> labelMatchers;
    private ArgvTemplate argvTemplate;
    private Duration timeoutDuration;
    private boolean dryRunEnabled;
    private boolean cancelsOnResolved;
    private boolean approvalRequired;
    private Duration approvalWait;

    /** Camel's initMethod: checks the playbook and registers its guard policy. */
    public void init() {
        guard.register(name, check());
    }

    /** Checks every setting once, so a mistake stops loading with the playbook's name in the message. */
    GuardPolicy check() {
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
            timeoutDuration = duration("timeout", timeout);
            GuardPolicy policy = new GuardPolicy(duration("cooldown", cooldown), positive("attempts", attempts),
                    duration("attemptsWindow", attemptsWindow), positive("concurrency", concurrency));
            dryRunEnabled = flag("dryRun", dryRun) || flag("alerthook.healing.dry-run", globalDryRun);
            cancelsOnResolved = flag("cancelOnResolved", cancelOnResolved);
            approvalRequired = flag("approval", approval);
            approvalWait = duration("approvalTimeout", approvalTimeout);
            Path executable = Path.of(command == null ? "" : command);
            if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
                throw new IllegalArgumentException("command " + executable.toAbsolutePath() + " is not an executable file");
            }
            return policy;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("playbook \"" + name + "\": " + e.getMessage(), e);
        }
    }

    private static Duration duration(String key, String value) {
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " \"" + value + "\" is not a duration such as 30s, 5m or 1h");
        }
    }

    private static int positive(String key, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number of 1 or more, got \"" + value + "\"");
    }

    private static boolean flag(String key, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got \"" + value + "\"");
        }
        return Boolean.parseBoolean(value);
    }

    public String name() {
        return name;
    }

    public boolean matches(AlertEvent event) {
        return (status.equals("any") || status.equals(event.alert().status())) && answers(event.alert());
    }

    private boolean answers(Alert alert) {
        return alert.alertname().equals(alertname)
                && labelMatchers.stream().allMatch(matcher -> matcher.matches(alert.labels()));
    }

    /** With cancelOnResolved, the resolved alert stops this playbook's command still running for it. */
    public void cancelIfResolved(AlertEvent event) {
        if (cancelsOnResolved && !event.alert().isFiring() && answers(event.alert())) {
            guard.cancel(name, event.alert().fingerprint());
        }
    }

    /** With approval, whether this run for the alert may go, is to be asked for, or waits; without, it runs. */
    public HealApprovals.Step approval(@Body AlertEvent event) {
        return approvalRequired ? approvals.step(name, event, approvalWait) : HealApprovals.Step.RUN;
    }

    /** Starts a run the guard admitted: its argv is fixed now, and its clock starts. */
    public HealRun start(@Body AlertEvent event, @ExchangeProperty(HealExchange.CANCELLATION) Cancellation cancellation) {
        return new HealRun(name, event, command, argvTemplate.render(event.alert()), timeoutDuration, dryRunEnabled, cancellation,
                System.nanoTime());
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

    public void setCooldown(String cooldown) {
        this.cooldown = cooldown;
    }

    public void setConcurrency(String concurrency) {
        this.concurrency = concurrency;
    }

    public void setAttempts(String attempts) {
        this.attempts = attempts;
    }

    public void setAttemptsWindow(String attemptsWindow) {
        this.attemptsWindow = attemptsWindow;
    }

    public void setDryRun(String dryRun) {
        this.dryRun = dryRun;
    }

    public void setCancelOnResolved(String cancelOnResolved) {
        this.cancelOnResolved = cancelOnResolved;
    }

    public void setGlobalDryRun(String globalDryRun) {
        this.globalDryRun = globalDryRun;
    }

    public void setGuard(HealingGuard guard) {
        this.guard = guard;
    }

    public void setApproval(String approval) {
        this.approval = approval;
    }

    public void setApprovalTimeout(String approvalTimeout) {
        this.approvalTimeout = approvalTimeout;
    }

    public void setApprovals(HealApprovals approvals) {
        this.approvals = approvals;
    }
}
