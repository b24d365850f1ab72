package io.alerthook.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.store.AuditSearch;
import io.alerthook.store.Store;
import io.alerthook.store.StoreContract;
import io.alerthook.support.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;


/** The store contract on PostgreSQL: a database of this class's own on the test cluster, migrated by Flyway. */
class PostgresStoreContractTest extends StoreContract {

    private static String url;

    private HikariDataSource dataSource;

    @BeforeAll
    static void database() {
        url = PostgresCluster.shared().createDatabase("store_contract");
    }

    @Override
    protected Store open() {
        PostgresStoreConfiguration configuration = new PostgresStoreConfiguration();
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        properties.setUsername(PostgresCluster.USER);
        properties.setPassword(PostgresCluster.PASSWORD);
        close();
        dataSource = configuration.dataSource(properties);
        return configuration.store(dataSource, configuration.flyway(dataSource), MAPPER, WINDOW);
    }

    @Test
    void forgetsTheRecordsOlderThanTheCutoff() {
        Store store = open();
        AlertEvent alert = alert("retention");
        AuditEvent fresh = AuditEvent.of(Event.HEAL, Outcome.STARTED, alert);
        AuditEvent old = new AuditEvent(Instant.now().minus(Duration.ofDays(40)).toString(), Event.HEAL, Outcome.SUCCEEDED,
                fresh.fingerprint(), fresh.alertname(), fresh.status(), fresh.severity(), fresh.groupKey(), fresh.notification(), Map.of());
        store.record(List.of(old, fresh));

        assertThat(store.forgetBefore(Instant.now().minus(Duration.ofDays(30)))).isGreaterThanOrEqualTo(1);

        assertThat(store.search(AuditSearch.about(null, fresh.fingerprint(), null, 10, deadline())).events())
                .extracting(event -> event.get("outcome").asText()).containsExactly("started");
    }

    @Override
    protected void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }
}
