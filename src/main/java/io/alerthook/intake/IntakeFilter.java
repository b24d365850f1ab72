package io.alerthook.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The webhook's front door, in front of Camel: the platform-http binding reads a whole body before a route sees
 * it, so the {@link IntakeGate} checks run here, before any byte of an unauthenticated or oversized body is kept.
 * <p>
 * At shutdown it stops first: from then on new notifications get 503 (Alertmanager retries them later or on its
 * other receiver), while the ones already in flight finish, for at most {@code alerthook.intake.drain-timeout},
 * before the web server and then Camel stop.
 */
public final class IntakeFilter extends OncePerRequestFilter implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeFilter.class);

    private final IntakeGate gate;
    private final IntakeReplies replies;
    private final Duration drainTimeout;
    private final Object inFlightLock = new Object();
    private int inFlight;
    private volatile boolean running;

    public IntakeFilter(IntakeGate gate, IntakeReplies replies, Duration drainTimeout) {
        this.gate = gate;
        this.replies = replies;
        this.drainTimeout = drainTimeout;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        synchronized (inFlightLock) {
            if (!running) {
                refuse(response, new RejectedRequestException(503, "alerthook is shutting down; retry later"));
                return;
            }
            inFlight++;
        }
        try {
            String body = gate.admit(request.getHeader("Authorization"), request.getContentType(),
                    request.getContentLengthLong(), request.getInputStream());
            chain.doFilter(new ReadRequest(request, body), response);
        } catch (RejectedRequestException rejected) {
            refuse(response, rejected);
        } finally {
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        }
    }

    private void refuse(HttpServletResponse response, RejectedRequestException rejected) throws IOException {
        response.setStatus(rejected.getStatus());
        response.setContentType("application/json");
        if (rejected.getStatus() == 401) {
            response.setHeader("WWW-Authenticate", gate.challenge());
        }
        if (rejected.getStatus() == 503) {
            response.setHeader("Retry-After", "5");
        }
        if (rejected.getStatus() == 413 || rejected.getStatus() == 408) {
            // The rest of the body is not read: the connection cannot carry another request.
            response.setHeader("Connection", "close");
        }
        response.getOutputStream().write(replies.error(rejected).getBytes(StandardCharsets.UTF_8));
    }

    int inFlight() {
        synchronized (inFlightLock) {
            return inFlight;
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        long deadline = System.currentTimeMillis() + drainTimeout.toMillis();
        synchronized (inFlightLock) {
            running = false;
            try {
                for (long left = drainTimeout.toMillis(); inFlight > 0 && left > 0; left = deadline - System.currentTimeMillis()) {
                    inFlightLock.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (inFlight > 0) {
                LOG.warn("{} notifications still in flight after {}; stopping anyway", inFlight, drainTimeout);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's own graceful shutdown, which no longer takes new requests. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
