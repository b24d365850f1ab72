package io.alerthook.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.store.AuditPage;
import io.alerthook.store.AuditSearch;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** For {@link PostgresStore}: what reads table {@code audit_event}, a search for {@code /audit} and the replay for recovery. */
final class PostgresAuditReads {

    private static final int REPLAY_FETCH_SIZE = 1000;

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final ObjectMapper mapper;

    PostgresAuditReads(DataSource dataSource, TransactionTemplate transactions, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.mapper = mapper;
    }

    AuditPage search(AuditSearch search) {
        StringBuilder sql = new StringBuilder("SELECT record::text FROM audit_event WHERE true");
        List<Object> arguments = new ArrayList<>();
        if (search.alertname() != null) {
            sql.append(" AND alertname = ?");
            arguments.add(search.alertname());
        }
        if (search.fingerprint() != null) {
            sql.append(" AND fingerprint = ?");
            arguments.add(search.fingerprint());
        }
        if (search.event() != null) {
            sql.append(" AND event = ?");
            arguments.add(search.event().wire());
        }
        if (search.outcome() != null) {
            sql.append(" AND outcome = ?");
            arguments.add(search.outcome().wire());
        }
        if (search.since() != null) {
            sql.append(" AND time >= ?");
            arguments.add(Timestamp.from(search.since()));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        arguments.add(search.limit());
        JdbcTemplate bounded = new JdbcTemplate(dataSource);
        bounded.setQueryTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(search.deadline() - System.nanoTime() + 999_999_999L)));
        try {
            return new AuditPage(bounded.query(sql.toString(), (row, number) -> tree(row.getString(1)), arguments.toArray()), true);
        } catch (QueryTimeoutException timedOut) {
            return new AuditPage(List.of(), false);
        }
    }

    void replay(Instant since, Consumer<JsonNode> record) {
        transactions.executeWithoutResult(status -> {
            JdbcTemplate streaming = new JdbcTemplate(dataSource);
            streaming.setFetchSize(REPLAY_FETCH_SIZE);
            streaming.query("SELECT record::text FROM audit_event WHERE time >= ? ORDER BY id",
                    (RowCallbackHandler) row -> record.accept(tree(row.getString(1))), Timestamp.from(since));
        });
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
