package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.store.Approval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The file store's playbook runs waiting for approval: in memory, taken back from the journal when the store opens. The
 * first record of an ask or a decision carries it ({@value #APPROVAL}); the run that takes a granted approval ends it
 * with its own heal records.
 */
final class FileApprovals {

    static final String APPROVAL = "approval";

    private record Kept(Approval approval, boolean granted) {
    }

    private final ObjectMapper mapper;
    private final Clock clock;
    /** By playbook and fingerprint ({@code playbook/fingerprint}: playbook names cannot hold '/'). */
    private final Map<String, Kept> approvals = new HashMap<>();

    FileApprovals(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    synchronized boolean ask(Approval approval, List<AuditEvent> asked, Consumer<List<AuditEvent>> write) {
        String key = key(approval.playbook(), approval.fingerprint());
        if (approvals.containsKey(key)) {
            return false;
        }
        write.accept(carrying(asked, approval, "asked"));
        approvals.put(key, new Kept(approval, false));
        return true;
    }

    synchronized Optional<Approval> decide(String playbook, String fingerprint, boolean granted,
                                           Function<Approval, List<AuditEvent>> decision, Consumer<List<AuditEvent>> write) {
        Kept kept = approvals.get(key(playbook, fingerprint));
        if (kept == null || kept.granted()) {
            return Optional.empty();
        }
        write.accept(carrying(decision.apply(kept.approval()), kept.approval(), granted ? "granted" : "refused"));
        apply(kept.approval(), granted ? "granted" : "refused");
        return Optional.of(kept.approval());
    }

    synchronized boolean take(String playbook, String fingerprint) {
        Kept kept = approvals.get(key(playbook, fingerprint));
        if (kept == null || !kept.granted()) {
            return false;
        }
        approvals.remove(key(playbook, fingerprint));
        return true;
    }

    synchronized List<Approval> lapsed() {
        Instant now = clock.instant();
        return approvals.values().stream().filter(kept -> !kept.granted() && kept.approval().deadline().isBefore(now))
                .map(Kept::approval).toList();
    }

    /** While the store opens, each heal record, in the journal's order. */
    void takeBack(JsonNode record) {
        JsonNode fields = record.get(APPROVAL);
        if (fields == null) {
            // a run of the playbook for the alert: it took its approval
            Kept kept = approvals.get(key(record.path("playbook").asText(), record.path("fingerprint").asText()));
            if (kept != null && kept.granted()) {
                approvals.remove(key(kept.approval().playbook(), kept.approval().fingerprint()));
            }
            return;
        }
        apply(new Approval(fields.path("playbook").asText(), fields.path("fingerprint").asText(),
                Instant.parse(fields.path("deadline").asText()), fields.path("alert").toString()), fields.path("state").asText());
    }

    private void apply(Approval approval, String state) {
        String key = key(approval.playbook(), approval.fingerprint());
        switch (state) {
            case "asked" -> approvals.put(key, new Kept(approval, false));
            case "granted" -> approvals.put(key, new Kept(approval, true));
            default -> approvals.remove(key);
        }
    }

    private List<AuditEvent> carrying(List<AuditEvent> records, Approval approval, String state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("playbook", approval.playbook());
        fields.put("fingerprint", approval.fingerprint());
        fields.put("state", state);
        fields.put("deadline", approval.deadline().toString());
        try {
            fields.put("alert", mapper.readTree(approval.alert()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<AuditEvent> carrying = new ArrayList<>(records);
        carrying.set(0, carrying.get(0).with(APPROVAL, fields));
        return carrying;
    }

    private static String key(String playbook, String fingerprint) {
        return playbook + "/" + fingerprint;
    }
}
