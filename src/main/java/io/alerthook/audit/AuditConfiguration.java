package io.alerthook.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    AuditLog auditLog(AlerthookProperties properties, ObjectMapper mapper) throws IOException {
        AuditLog log = properties.audit().open(properties.audit().file(), mapper);
        LOG.info("Audit log: {}", log.file().toAbsolutePath());
        return log;
    }

    @Bean
    AuditQuery auditQuery(AuditLog log, ObjectMapper mapper, AlerthookProperties properties) {
        return new AuditQuery(log, mapper, properties.audit().queryMaxEvents(), properties.audit().queryTimeout(), Clock.systemUTC());
    }

    @Bean
    AuditTrail auditTrail(AuditLog log) {
        return new AuditTrail(log);
    }
}
