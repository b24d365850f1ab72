package io.alerthook.slack;

import com.slack.api.app_backend.SlackSignature;
import io.alerthook.intake.RejectedRequestException;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells a request from Slack (an interaction: a button pressed) from anything else: Slack signs each with the app's
 * signing secret, v0 HMAC-SHA256 over {@code v0:timestamp:body} (the Slack SDK's {@link SlackSignature.Generator}).
 * A request is refused (401) if its timestamp is more than 5 minutes from now, if its signature is not the one the
 * secret gives, or if the same signed request came before (a replay). The SDK's own Verifier is not used: it compares
 * signatures with {@code String.equals}, whose time tells how much of a guess was right; this compares in constant time.
 */
public final class SlackRequestVerifier {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    /** Signatures remembered against replays: more than Slack sends in 5 minutes, which is as long as a request is taken. */
    private static final int REMEMBERED = 10_000;

    private final SlackSignature.Generator signatures;
    private final MemoryIdempotentRepository seen = (MemoryIdempotentRepository) MemoryIdempotentRepository.memoryIdempotentRepository(REMEMBERED);
    private final Clock clock;

    /** @param signingSecret empty: no request is taken, since none can be told from Slack's */
    public SlackRequestVerifier(String signingSecret, Clock clock) {
        this.signatures = signingSecret.isEmpty() ? null : new SlackSignature.Generator(signingSecret);
        this.clock = clock;
        seen.start();
    }

    public void verify(String timestamp, String signature, String body) {
        if (signatures == null) {
            throw refused("alerthook.slack.signing-secret is not set, so no request can be told from Slack's");
        }
        if (timestamp == null || signature == null) {
            throw refused("the request is not signed (X-Slack-Request-Timestamp, X-Slack-Signature)");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw refused("X-Slack-Request-Timestamp is not a time in seconds");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            throw refused("the request was signed more than 5 minutes from now");
        }
        byte[] expected = signatures.generate(timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
            throw refused("the signature does not match the body (alerthook.slack.signing-secret)");
        }
        if (!seen.add(signature.strip())) {
            throw refused("the same signed request came before: a replay");
        }
    }

    private static RejectedRequestException refused(String why) {
        return new RejectedRequestException(401, why);
    }
}
