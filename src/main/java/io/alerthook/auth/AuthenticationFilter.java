package io.alerthook.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The webhook's credentials, asked of the other endpoints that tell what alerthook did (the audit query). */
public final class AuthenticationFilter extends OncePerRequestFilter {

    private final Authenticator authenticator;
    private final ObjectMapper mapper;

    public AuthenticationFilter(Authenticator authenticator, ObjectMapper mapper) {
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var refusal = authenticator.refusal(request.getHeader("Authorization"));
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "rejected");
        reply.put("error", refusal.get());
        response.setStatus(401);
        response.setContentType("application/json");
        response.setHeader("WWW-Authenticate", authenticator.challenge());
        mapper.writeValue(response.getOutputStream(), reply);
    }
}
