package io.alerthook.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.alerthook.store.Store;
import io.alerthook.store.StoreContract;
import io.alerthook.support.PostgresCluster;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;


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

    @Override
    protected void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }
}
