package io.alerthook.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.alerthook.AlerthookProperties;
import io.alerthook.store.StoreUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.StringUtils;

import java.time.Duration;

/**
 * {@code alerthook.store=postgres}: HikariCP on {@code spring.datasource.*} (and {@code spring.datasource.hikari.*}),
 * the schema migrated by Flyway before anything else uses it. Spring Boot's own DataSource and Flyway auto-configuration
 * are off (application.yaml), since the default file store must start with no database configured at all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "alerthook.store", havingValue = "postgres")
@EnableConfigurationProperties(DataSourceProperties.class)
class PostgresStoreConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStoreConfiguration.class);

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        if (!StringUtils.hasText(properties.getUrl())) {
            throw new IllegalStateException("alerthook.store=postgres needs spring.datasource.url (SPRING_DATASOURCE_URL),"
                    + " e.g. jdbc:postgresql://db:5432/alerthook, with spring.datasource.username and .password");
        }
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        // the audit records' batches as multi-row INSERTs instead of one statement per row: PostgreSQL's CPU per
        // notification 0.67 -> 0.50 ms in pairs; alerthook's own about the same (bench/README.md, session 8)
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        return dataSource;
    }

    /** Migrates at startup: an unreachable database stops the start, naming the URL (never the password). */
    @Bean
    Flyway flyway(HikariDataSource dataSource) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException("cannot prepare the PostgreSQL store at " + dataSource.getJdbcUrl() + ": "
                    + NestedExceptionUtils.getMostSpecificCause(e).getMessage(), e);
        }
        return flyway;
    }

    @Bean
    PostgresStore store(HikariDataSource dataSource, Flyway migrated, ObjectMapper mapper, AlerthookProperties properties) {
        return store(dataSource, migrated, mapper, properties.intake().duplicateWindow(), properties.replicaId());
    }

    PostgresStore store(HikariDataSource dataSource, Flyway migrated, ObjectMapper mapper, Duration duplicateWindow, String replica) {
        LOG.info("Store: postgres, {}, replica {}", dataSource.getJdbcUrl(), replica);
        return new PostgresStore(dataSource, dataSource.getJdbcUrl(), mapper, duplicateWindow, replica);
    }
}
