package io.alerthook.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.intake.ReadRequest;
import io.alerthook.intake.RejectedRequestException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The front door of Slack's interactions, in front of Camel: a request is verified as Slack's
 * ({@link SlackRequestVerifier}) on its raw body, before anything reads or acts on it; what fails gets 401 and changes
 * nothing. Slack's payloads are small: a larger body gets 413 unread. What goes on to Camel is the form's JSON
 * {@code payload}, as signed: Camel's binding would parse the form again, and fail on a malformed one with a 500.
 */
public final class SlackSignatureFilter extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SlackSignatureFilter.class);

    private final SlackRequestVerifier verifier;
    private final ObjectMapper mapper;

    public SlackSignatureFilter(SlackRequestVerifier verifier, ObjectMapper mapper) {
        this.verifier = verifier;
        this.mapper = mapper;
    }

    /** The form's {@code payload}: Slack's JSON, which alone goes on to Camel, as it was signed. */
    private static String payload(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("payload=")) {
                try {
                    return URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new RejectedRequestException(400, "the form is not URL-encoded");
                }
            }
        }
        throw new RejectedRequestException(400, "a Slack interaction is a form with a payload field");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            if (request.getContentLengthLong() > MAX_BODY_BYTES) {
                throw new RejectedRequestException(413, "a Slack interaction is at most " + MAX_BODY_BYTES + " bytes");
            }
            byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new RejectedRequestException(413, "a Slack interaction is at most " + MAX_BODY_BYTES + " bytes");
            }
            String text = new String(body, StandardCharsets.UTF_8);
            verifier.verify(request.getHeader("X-Slack-Request-Timestamp"), request.getHeader("X-Slack-Signature"), text);
            chain.doFilter(new ReadRequest(request, payload(text), "application/json"), response);
        } catch (RejectedRequestException rejected) {
            LOG.warn("Slack interaction refused ({}): {}", rejected.getStatus(), rejected.getMessage());
            response.setStatus(rejected.getStatus());
            response.setContentType("application/json");
            if (rejected.getStatus() == 413) {
                response.setHeader("Connection", "close");
            }
            response.getOutputStream().write(mapper.writeValueAsBytes(Map.of("status", "rejected", "error", rejected.getMessage())));
        }
    }
}
