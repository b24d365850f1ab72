package io.alerthook.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.Clock;

/** {@code alerthook.store=file}, the default. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "alerthook.store", havingValue = "file", matchIfMissing = true)
class FileStoreConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(FileStoreConfiguration.class);

    @Bean
    FileStore store(AlerthookProperties properties, ObjectMapper mapper) throws IOException {
        AlerthookProperties.Audit audit = properties.audit();
        FileStore store = new FileStore(audit.open(mapper), mapper, properties.intake().duplicateWindow(),
                properties.intake().duplicateKeys(), Clock.systemUTC(), properties.replicaId());
        LOG.info("Store: file, audit journal {}, replica {}", store.location(), properties.replicaId());
        return store;
    }
}
