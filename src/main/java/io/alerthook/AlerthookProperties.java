package io.alerthook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.store.file.JsonLinesFile;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every {@code alerthook.*} setting, bound and checked here once: a bad value stops the start naming the setting. The
 * routes read some of them as placeholders ({@code {{alerthook.slack.send-interval}}}); RoutePlaceholdersTest keeps
 * each of those bound here.
 */
@ConfigurationProperties("alerthook")
public record AlerthookProperties(
        @DefaultValue("") String replicaId,
        @DefaultValue("file") StoreEngine store,
        @DefaultValue Intake intake,
        @DefaultValue Auth auth,
        @DefaultValue Slack slack,
        @DefaultValue Healing healing,
        @DefaultValue Audit audit,
        @DefaultValue Routes routes,
        @DefaultValue Lease lease,
        @DefaultValue Alertmanager alertmanager) {

    /** Letters, digits and {@code . _ -}: it names the replica in the audit, metrics and logs. */
    private static final Pattern REPLICA_ID = Pattern.compile("[A-Za-z0-9._-]{1,253}");

    public AlerthookProperties {
        replicaId = replicaId.isBlank() ? hostName() : replicaId.trim();
        if (!REPLICA_ID.matcher(replicaId).matches()) {
            throw new IllegalArgumentException("alerthook.replica-id must be 1 to 253 letters, digits, '.', '_' or '-', not \""
                    + replicaId + "\"");
        }
    }

    /** The host name, as containers set it in HOSTNAME (no DNS lookup then), else as the system knows it. */
    private static String hostName() {
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            return hostname.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "alerthook";
        }
    }

    /**
     * Several alerthooks on one PostgreSQL: each says it is alive every {@code heartbeat}; one silent for
     * {@code duration} counts as dead, and the others take over its Slack webhooks and end its heal runs. In ms.
     */
    public record Lease(@DefaultValue("10000") long duration, @DefaultValue("3000") long heartbeat) {

        public Lease {
            atLeast("alerthook.lease.heartbeat", heartbeat, 100);
            // at least two heartbeats per lease, so that one late heartbeat does not make a live alerthook dead
            atLeast("alerthook.lease.duration", duration, 2 * heartbeat);
        }

        public Duration length() {
            return Duration.ofMillis(duration);
        }
    }

    /**
     * The Alertmanager that Slack's Silence buttons create silences in (its API v2); empty {@code url}: the one that sent
     * the incident's notification ({@code externalURL}). {@code username} and {@code password}, or {@code bearerToken},
     * if it asks for credentials.
     */
    public record Alertmanager(@DefaultValue("") String url,
                               @DefaultValue("") String username,
                               @DefaultValue("") String password,
                               @DefaultValue("") String bearerToken) {
    }

    /** Where alerthook keeps its state: see store/Store. PostgreSQL's connection is {@code spring.datasource.*}. */
    public enum StoreEngine {
        /** The audit journal file and memory: nothing to set up. */
        FILE,
        /** PostgreSQL tables: for production, and for several replicas. */
        POSTGRES
    }

    /** Limits on what one webhook request may be and take; see intake/IntakeGate and alert/NotificationReader. */
    public record Intake(@DefaultValue("1MB") DataSize maxBodyBytes,
                         @DefaultValue("1000") int maxAlerts,
                         @DefaultValue("16") int maxNestingDepth,
                         @DefaultValue("65536") int maxStringLength,
                         @DefaultValue("10s") Duration requestTimeout,
                         @DefaultValue("10s") Duration drainTimeout,
                         @DefaultValue("5m") Duration duplicateWindow,
                         @DefaultValue("100000") int duplicateKeys,
                         @DefaultValue("10000") int maxWaitingAlerts,
                         @DefaultValue("2s") Duration dispatchWait) {

        /** A body is held in memory whole, as bytes and then as text, in one array each. */
        private static final long MOST_BODY_BYTES = DataSize.ofGigabytes(1).toBytes();

        public Intake {
            atMost("alerthook.intake.max-body-bytes", maxBodyBytes.toBytes(), MOST_BODY_BYTES);
            atLeast("alerthook.intake.max-waiting-alerts", maxWaitingAlerts, maxAlerts);
            notNegative("alerthook.intake.dispatch-wait", dispatchWait);
        }
    }

    /**
     * Credentials Alertmanager must send, any one of them valid (several at once allow rotation). The files hold
     * one secret per line and are re-read when they change; see auth/Authenticator.
     */
    public record Auth(@DefaultValue List<String> bearerToken,
                       Path bearerTokenFile,
                       @DefaultValue List<String> basicUsers,
                       Path basicUsersFile) {
    }

    /**
     * The default Slack destination ({@code webhookUrl}, {@code channel}) and the ones alerts are routed to by label
     * ({@code destinations}, first match wins); see slack/SlackDestinations. With {@code botToken}, destinations without
     * a webhook of their own post as a Slack app through the Web API at {@code apiUrl}, one thread per incident
     * ({@code thread}); {@code updateInterval} (ms) paces {@code chat.update}, which Slack allows about 50 times a minute.
     * With {@code signingSecret}, the thread's first message has buttons, which {@code allowedUsers} (Slack user IDs or
     * names; empty: everyone) may press.
     */
    public record Slack(@DefaultValue("") String webhookUrl,
                        @DefaultValue("") String channel,
                        @DefaultValue("critical") List<String> severities,
                        List<Destination> destinations,
                        @DefaultValue("") String template,
                        @DefaultValue("20") int maxAlertsShown,
                        @DefaultValue("10s") Duration timeout,
                        @DefaultValue("1h") Duration maxAge,
                        @DefaultValue("1000") long sendInterval,
                        @DefaultValue("1000") int queueSize,
                        @DefaultValue("250") long pollInterval,
                        @DefaultValue Retry retry,
                        @DefaultValue("") String botToken,
                        @DefaultValue("") String signingSecret,
                        @DefaultValue("https://slack.com/api/") String apiUrl,
                        @DefaultValue("both") ThreadMode thread,
                        @DefaultValue("1200") long updateInterval,
                        @DefaultValue List<String> allowedUsers) {

        public Slack {
            destinations = destinations == null ? List.of() : List.copyOf(destinations);
            atLeast("alerthook.slack.send-interval", sendInterval, 0);
            atLeast("alerthook.slack.queue-size", queueSize, 1);
            atLeast("alerthook.slack.poll-interval", pollInterval, 10);
            atLeast("alerthook.slack.update-interval", updateInterval, 0);
            botToken = botToken.trim();
            signingSecret = signingSecret.trim();
            allowedUsers = allowedUsers.stream().map(String::trim).filter(user -> !user.isEmpty()).toList();
            apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        }

        /**
         * With a bot token (a Slack app), what a change to an incident does: a reply in the incident's thread, an update
         * of the thread's first message (its parent) in place, or both.
         */
        public enum ThreadMode {
            REPLIES, UPDATE, BOTH;

            public boolean replies() {
                return this != UPDATE;
            }

            public boolean updates() {
                return this != REPLIES;
            }
        }

        /** Camel's redelivery between two tries of a post, in ms: from {@code delay}, doubling, at most {@code maxDelay}. */
        public record Retry(@DefaultValue("1000") long delay, @DefaultValue("60000") long maxDelay) {

            public Retry {
                atLeast("alerthook.slack.retry.delay", delay, 0);
                atLeast("alerthook.slack.retry.max-delay", maxDelay, delay);
            }
        }

        /** An empty {@code webhookUrl} means the default destination's webhook, e.g. to pick only another channel. */
        public record Destination(String name, String matchers, String webhookUrl, String channel) {
        }
    }

    /** {@code workingDir} is a string: bound as a Path, Spring would take "." for a folder on the classpath. */
    public record Healing(@DefaultValue("*") List<String> severities,
                          @DefaultValue("4") int concurrentRuns,
                          @DefaultValue("1000") int queueSize,
                          @DefaultValue("false") boolean dryRun,
                          @DefaultValue(".") String workingDir,
                          @DefaultValue({"PATH", "HOME", "LANG", "LC_ALL", "TZ"}) List<String> inheritEnv) {

        public Healing {
            atLeast("alerthook.healing.concurrent-runs", concurrentRuns, 1);
            atLeast("alerthook.healing.queue-size", queueSize, 1);
        }
    }

    /** Playbook files under {@code reloadDirectory} apply when saved; empty: no reload. */
    public record Routes(@DefaultValue("routes") String reloadDirectory) {
    }

    private static void notNegative(String property, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(property + " must not be negative, not " + value);
        }
    }

    private static void atLeast(String property, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(property + " must be at least " + least + ", not " + value);
        }
    }

    private static void atMost(String property, long value, long most) {
        if (value > most) {
            throw new IllegalArgumentException(property + " must be at most " + most + ", not " + value);
        }
    }

    /** The audit file and its rotation. */
    public record Audit(@DefaultValue("data/audit.jsonl") Path file,
                        @DefaultValue("100MB") DataSize maxFileSize,
                        @DefaultValue("10") int maxFiles,
                        @DefaultValue("1h") Duration resumeWithin,
                        @DefaultValue("30d") Duration retention,
                        @DefaultValue("1000") int queryMaxEvents,
                        @DefaultValue("5s") Duration queryTimeout) {

        public JsonLinesFile open(ObjectMapper mapper) throws IOException {
            return new JsonLinesFile(file, mapper, maxFileSize.toBytes(), maxFiles);
        }
    }
}
