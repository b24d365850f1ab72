package io.alerthook.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    Authenticator authenticator(AlerthookProperties properties) {
        AlerthookProperties.Auth auth = properties.auth();
        Authenticator authenticator = new Authenticator(
                auth.bearerToken(), secretFile("alerthook.auth.bearer-token-file", auth.bearerTokenFile()),
                auth.basicUsers(), secretFile("alerthook.auth.basic-users-file", auth.basicUsersFile()));
        authenticator.warnings().forEach(LOG::warn);
        if (!authenticator.isEnabled()) {
            LOG.warn("Authentication is OFF: anyone who reaches POST /hooks/alertmanager can trigger healing commands."
                    + " Set alerthook.auth.bearer-token (ALERTHOOK_AUTH_BEARER_TOKEN) or alerthook.auth.basic-users,"
                    + " or their *-file variants.");
        }
        return authenticator;
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> auditAuthentication(Authenticator authenticator, ObjectMapper mapper) {
        FilterRegistrationBean<AuthenticationFilter> registration = new FilterRegistrationBean<>(new AuthenticationFilter(authenticator, mapper));
        registration.addUrlPatterns("/audit");
        return registration;
    }

    private static SecretFile secretFile(String property, Path path) {
        return path == null || path.toString().isEmpty() ? null : new SecretFile(property, path);
    }
}
