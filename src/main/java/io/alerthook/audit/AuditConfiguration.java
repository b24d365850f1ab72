package io.alerthook.audit;

import io.alerthook.AlerthookProperties;
import io.alerthook.store.Store;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditQuery auditQuery(Store store, AlerthookProperties properties) {
        return new AuditQuery(store, properties.audit().queryMaxEvents(), properties.audit().queryTimeout(), Clock.systemUTC());
    }

    @Bean
    AuditRetention auditRetention(Store store, AlerthookProperties properties) {
        return new AuditRetention(store, properties.audit().retention(), Clock.systemUTC());
    }

    @Bean
    AuditTrail auditTrail(Store store) {
        return new AuditTrail(store);
    }
}
