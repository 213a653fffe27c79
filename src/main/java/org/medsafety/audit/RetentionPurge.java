package org.medsafety.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Retention: evaluations older than the retention period are exported (NDJSON with their cards, feedback and chain
 * hashes, plus the file's SHA-256) and then purged, in one explicit, recorded admin action. Only a prefix of the
 * chain is purged, and a "purge" anchor keeps the rest verifiable.
 */
@ApplicationScoped
public class RetentionPurge {

    @Inject
    ObjectMapper json;

    @Inject
    MedsafetyConfig config;

    /** What a purge did. */
    public record Outcome(long purged, Long lastPurgedId, String archive, String archiveSha256, Instant cutoff) {
    }

    public Outcome purge(Instant now) {
        Instant cutoff = now.minus(config.audit().retention());
        Path archiveDir = config.audit().archiveDir();
        return QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
            // A prefix of the chain only: everything before the first record that is still within retention.
            EvaluationRecord firstKept = EvaluationRecord.find("evaluatedAt >= ?1", Sort.ascending("id"), cutoff)
                    .firstResult();
            ChainHead head = ChainHead.findById(1, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            long last = firstKept == null ? head.lastId : firstKept.id - 1;
            EvaluationRecord lastPurged = EvaluationRecord.find("id <= ?1 and recordHash is not null",
                    Sort.descending("id"), last).firstResult();
            if (lastPurged == null) {
                return new Outcome(0, null, null, null, cutoff);
            }
            Files.createDirectories(archiveDir);
            Path file = archiveDir.resolve("evaluations-to-" + lastPurged.id + "-" + now.toEpochMilli() + ".ndjson");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha);
                 BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                 Stream<EvaluationRecord> rows = EvaluationRecord.<EvaluationRecord>find("id <= ?1",
                         Sort.ascending("id"), lastPurged.id).withHint("org.hibernate.fetchSize", 500).stream()) {
                for (EvaluationRecord e : (Iterable<EvaluationRecord>) rows::iterator) {
                    writer.write(json.writeValueAsString(archived(e)));
                    writer.write('\n');
                    count++;
                    EvaluationRecord.getEntityManager().detach(e);
                }
            }
            var em = EvaluationRecord.getEntityManager();
            if ("postgresql".equals(ConfigProvider.getConfig().getValue("quarkus.datasource.db-kind", String.class))) {
                em.createNativeQuery("SET LOCAL medsafety.purge = 'on'").executeUpdate();
            }
            em.createQuery("delete from FeedbackRecord f where f.cardUuid in (select c.cardUuid from CardRecord c "
                    + "where c.evaluationId <= :last)").setParameter("last", lastPurged.id).executeUpdate();
            em.createQuery("delete from CardRecord c where c.evaluationId <= :last").setParameter("last", lastPurged.id)
                    .executeUpdate();
            em.createQuery("delete from EvaluationRecord e where e.id <= :last").setParameter("last", lastPurged.id)
                    .executeUpdate();
            ChainCheckpoint anchor = new ChainCheckpoint();
            anchor.lastId = lastPurged.id;
            anchor.lastHash = lastPurged.recordHash;
            anchor.checkedAt = now;
            anchor.kind = "purge";
            anchor.persist();
            return new Outcome(count, lastPurged.id, file.toAbsolutePath().toString(),
                    HexFormat.of().formatHex(sha.digest()), cutoff);
        });
    }

    private Map<String, Object> archived(EvaluationRecord e) throws IOException {
        Map<String, Object> m = EvaluationView.of(e, json.readTree(e.cardsJson));
        m.put("snapshot", json.readTree(e.snapshotJson));
        List<CardRecord> cards = CardRecord.list("evaluationId", e.id);
        Map<String, Object> feedback = new LinkedHashMap<>();
        for (CardRecord c : cards) {
            List<FeedbackRecord> f = FeedbackRecord.list("cardUuid", c.cardUuid);
            if (!f.isEmpty()) {
                feedback.put(c.cardUuid, f.stream().map(x -> Map.of("outcome", x.outcome, "outcomeTimestamp",
                        x.outcomeTimestamp.toString(), "overrideCode", String.valueOf(x.overrideCode))).toList());
            }
        }
        m.put("feedback", feedback);
        m.put("prevHash", e.prevHash);
        m.put("recordHash", e.recordHash);
        return m;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
