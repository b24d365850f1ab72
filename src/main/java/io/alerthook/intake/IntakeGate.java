package io.alerthook.intake;

import org.apache.camel.Body;
import org.apache.camel.Header;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** What a webhook request must pass before its body is parsed: credentials, media type, size. */
public final class IntakeGate {

    private final BearerTokenAuthenticator authenticator;
    private final long maxBodyBytes;

    public IntakeGate(BearerTokenAuthenticator authenticator, long maxBodyBytes) {
        this.authenticator = authenticator;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Returns the request body, read no further than the size limit. */
    public byte[] admit(@Header("Authorization") String authorization,
                        @Header("Content-Type") String contentType,
                        @Body InputStream body) throws IOException {
        if (!authenticator.accepts(authorization)) {
            throw new RejectedRequestException(401,
                    authorization == null ? "missing credentials: send Authorization: Bearer <token>" : "wrong credentials");
        }
        if (!isJson(contentType)) {
            throw new RejectedRequestException(415,
                    "Content-Type must be application/json, got " + (contentType == null ? "none" : contentType));
        }
        return readBounded(body);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    private byte[] readBounded(InputStream body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = body.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            if (out.size() > maxBodyBytes) {
                throw new RejectedRequestException(413, "body is larger than " + maxBodyBytes + " bytes");
            }
        }
        return out.toByteArray();
    }
}
