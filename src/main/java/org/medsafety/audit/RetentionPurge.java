package org.medsafety.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.medsafety.admin.AdminActionRecord;
import org.medsafety.admin.AdminLog;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.config.PlatformSettings;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.UnprocessableEntityException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Retention: evaluations older than the retention period (never less than {@link #FLOOR_YEARS} years) are exported
 * with their card rows, feedback and hashes to an NDJSON file, which is forced to disk, and only then purged.
 *
 * <p>The export takes no lock: records below the chain's head never change, so writers carry on. The removal is one
 * short transaction that checks the newest purged record still has the hash the export saw, deletes the prefix,
 * writes a signed purge anchor per chain (so the rest stays verifiable) and the admin record of the purge, together.
 * On PostgreSQL that transaction is the database function {@code medsafety_purge_audit}, the only way the service's
 * role can delete audit rows; it refuses anything younger than the same floor by the database's own clock.
 */
@ApplicationScoped
public class RetentionPurge {

    /** The shortest retention the service accepts, as the PostgreSQL function does (HIPAA keeps six years). */
    public static final int FLOOR_YEARS = 6;
    /** The shortest retention accepted: six years, counting the leap days they may hold. */
    public static final Duration MINIMUM_RETENTION = Duration.ofDays(365L * FLOOR_YEARS + 2);

    @Inject
    ObjectMapper json;

    @Inject
    MedsafetyConfig config;

    @Inject
    EntityManager em;

    @Inject
    CheckpointSigner signer;

    @Inject
    CheckpointKeys keys;

    @Inject
    PlatformSettings platform;

    /** What a purge did; {@code adminActionId} is the record of it, written with the deletion. */
    public record Outcome(long purged, Long lastPurgedId, long feedbackPurged, Long lastPurgedFeedbackId,
                          String archive, String archiveSha256, Instant cutoff, Long adminActionId) {
    }

    /** What is past retention: a prefix of each chain. */
    private record Plan(Instant cutoff, Long lastEvaluation, String evaluationHash, long evaluations,
                        Long lastFeedback, String feedbackHash, long feedback) {
    }

    /** Refuses a retention below the floor; the message names the setting. */
    public static void checkRetention(Duration retention) {
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new UnprocessableEntityException(ErrorCode.RETENTION_BELOW_FLOOR,
                    "MEDSAFETY_AUDIT_RETENTION is " + retention
                    + ", below the floor of " + FLOOR_YEARS + " years audit records are kept; nothing was purged");
        }
    }

    /** Records before this instant are past retention at {@code now}: the retention, never under the floor. */
    public Instant cutoff(Instant now) {
        Instant cutoff = now.minus(config.audit().retention());
        Instant floor = now.atZone(ZoneOffset.UTC).minusYears(FLOOR_YEARS).toInstant();
        return cutoff.isAfter(floor) ? floor : cutoff;
    }

    public Outcome purge(String actor, String reason) {
        Instant now = Instant.now();
        checkRetention(config.audit().retention());
        Instant cutoff = cutoff(now);
        Plan plan = plan(cutoff);
        if (plan.lastEvaluation() == null && plan.lastFeedback() == null) {
            return new Outcome(0, null, 0, null, null, null, cutoff, null);
        }
        Path archiveDir = config.audit().archiveDir();
        Path file = archiveDir.resolve("evaluations-to-" + plan.lastEvaluation() + "-" + now.toEpochMilli()
                + ".ndjson");
        String sha = export(plan, file);
        Outcome outcome = commit(plan, file, sha, actor, reason);
        Log.infof("Audit purge: %d evaluations and %d feedback entries past retention exported to %s and removed",
                outcome.purged(), outcome.feedbackPurged(), file);
        return outcome;
    }

    private Plan plan(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ChainHead evaluationHead = ChainHead.findById(Chain.EVALUATION.headId);
            ChainHead feedbackHead = ChainHead.findById(Chain.FEEDBACK.headId);
            if (evaluationHead == null || feedbackHead == null) {
                throw new IllegalStateException("an audit chain head is missing; see GET /audit/integrity");
            }
            // Evaluations: everything before the first record still within retention, up to the head.
            EvaluationRecord firstKept = EvaluationRecord.find("evaluatedAt >= ?1 and id <= ?2", Sort.ascending("id"),
                    cutoff, evaluationHead.lastId).firstResult();
            long last = firstKept == null ? evaluationHead.lastId : firstKept.id - 1;
            EvaluationRecord lastPurged = EvaluationRecord.find("id <= ?1 and recordHash is not null "
                    + "and id > ?2", Sort.descending("id"), last, anchorOf(Chain.EVALUATION)).firstResult();
            long lastEvaluationId = lastPurged == null ? anchorOf(Chain.EVALUATION) : lastPurged.id;
            // Feedback: a prefix of its own chain, received before the cutoff, on cards purged now or before.
            Long firstKeptFeedback = em.createQuery("select min(f.id) from FeedbackRecord f where f.id <= :head and "
                            + "(f.receivedAt >= :cutoff or exists (select 1 from CardRecord c where c.cardUuid = "
                            + "f.cardUuid and c.evaluationId > :last))", Long.class)
                    .setParameter("head", feedbackHead.lastId).setParameter("cutoff", cutoff)
                    .setParameter("last", lastEvaluationId).getSingleResult();
            long lastF = firstKeptFeedback == null ? feedbackHead.lastId : firstKeptFeedback - 1;
            FeedbackRecord lastFeedback = FeedbackRecord.find("id <= ?1 and recordHash is not null and id > ?2",
                    Sort.descending("id"), lastF, anchorOf(Chain.FEEDBACK)).firstResult();
            long evaluations = lastPurged == null ? 0 : EvaluationRecord.count("id <= ?1", lastPurged.id);
            long feedback = lastFeedback == null ? 0 : FeedbackRecord.count("id <= ?1", lastFeedback.id);
            return new Plan(cutoff, lastPurged == null ? null : lastPurged.id,
                    lastPurged == null ? null : lastPurged.recordHash, evaluations,
                    lastFeedback == null ? null : lastFeedback.id, lastFeedback == null ? null
                    : lastFeedback.recordHash, feedback);
        });
    }

    private static long anchorOf(Chain chain) {
        Long id = ChainCheckpoint.getEntityManager().createQuery("select max(c.lastId) from ChainCheckpoint c where "
                + "c.kind = 'purge' and c.chain = :chain", Long.class).setParameter("chain", chain.label)
                .getSingleResult();
        return id == null ? 0 : id;
    }

    /** Writes the archive, forces it and its directory entry to disk, and returns its SHA-256. */
    private String export(Plan plan, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Full snapshots are patient data: readable by the service's user only.
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long[] written = {0, 0};
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha);
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                QuarkusTransaction.requiringNew().timeout(3600).run(() -> exportRows(plan, writer, written));
                writer.flush();
                channel.force(true);
            }
            CheckpointFile.forceDirectory(file.toAbsolutePath().getParent());
            if (written[0] != plan.evaluations() || written[1] != plan.feedback()) {
                throw new IllegalStateException("the archive holds " + written[0] + " evaluations and " + written[1]
                        + " feedback entries, not " + plan.evaluations() + " and " + plan.feedback());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit archive " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void exportRows(Plan plan, BufferedWriter writer, long[] written) {
        Set<Long> exportedFeedback = new HashSet<>();
        long lastF = plan.lastFeedback() == null ? -1 : plan.lastFeedback();
        try {
            if (plan.lastEvaluation() != null) {
                try (Stream<EvaluationRecord> rows = EvaluationRecord.<EvaluationRecord>find("id <= ?1",
                        Sort.ascending("id"), plan.lastEvaluation()).withHint("org.hibernate.fetchSize", 500)
                        .stream()) {
                    for (EvaluationRecord e : (Iterable<EvaluationRecord>) rows::iterator) {
                        writer.write(json.writeValueAsString(archived(e, lastF, exportedFeedback)));
                        writer.write('\n');
                        written[0]++;
                        em.detach(e);
                    }
                }
            }
            if (plan.lastFeedback() != null) {
                // Feedback purged now whose card went in an earlier purge: on lines of its own.
                try (Stream<FeedbackRecord> rows = FeedbackRecord.<FeedbackRecord>find("id <= ?1", Sort.ascending("id"),
                        plan.lastFeedback()).stream()) {
                    for (FeedbackRecord f : (Iterable<FeedbackRecord>) rows::iterator) {
                        if (!exportedFeedback.contains(f.id)) {
                            Map<String, Object> line = new LinkedHashMap<>();
                            line.put("record", "feedback");
                            line.putAll(feedback(f));
                            writer.write(json.writeValueAsString(line));
                            writer.write('\n');
                        }
                        written[1]++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> archived(EvaluationRecord e, long lastFeedback, Set<Long> exportedFeedback)
            throws IOException {
        Map<String, Object> m = json.convertValue(EvaluationView.of(e, json.readTree(e.cardsJson)),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        m.put("snapshot", json.readTree(e.snapshotJson));
        List<CardRecord> cards = CardRecord.list("evaluationId", Sort.ascending("id"), e.id);
        List<Map<String, Object>> cardRows = new ArrayList<>();
        Map<String, Object> feedback = new LinkedHashMap<>();
        for (CardRecord c : cards) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cardUuid", c.cardUuid);
            row.put("ruleId", c.ruleId);
            row.put("checkKind", c.checkKind);
            row.put("knowledgeId", c.knowledgeId);
            row.put("indicator", c.indicator);
            row.put("severity", c.severity);
            row.put("draftOrder", c.draftOrder);
            row.put("drugs", c.drugs);
            row.put("rxcuis", c.rxcuis);
            row.put("summary", c.summary);
            cardRows.add(row);
            List<FeedbackRecord> f = FeedbackRecord.list("cardUuid", Sort.ascending("id"), c.cardUuid);
            if (!f.isEmpty()) {
                feedback.put(c.cardUuid, f.stream().map(RetentionPurge::feedback).toList());
                f.stream().filter(x -> x.id <= lastFeedback).forEach(x -> exportedFeedback.add(x.id));
            }
        }
        // The card rows as stored, which hash format 2 covers; the cards as sent are under "cards".
        m.put("cardRows", cardRows);
        m.put("feedback", feedback);
        m.put("hashFormat", e.hashFormat);
        m.put("prevHash", e.prevHash);
        m.put("recordHash", e.recordHash);
        return m;
    }

    /** Every stored field of a feedback entry, with its chain hashes. */
    private static Map<String, Object> feedback(FeedbackRecord f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id);
        m.put("cardUuid", f.cardUuid);
        m.put("service", f.serviceId);
        m.put("outcome", f.outcome);
        m.put("outcomeTimestamp", f.outcomeTimestamp.toString());
        m.put("overrideSystem", f.overrideSystem);
        m.put("overrideCode", f.overrideCode);
        m.put("overrideDisplay", f.overrideDisplay);
        m.put("userComment", f.userComment);
        m.put("acceptedSuggestions", f.acceptedSuggestions);
        m.put("clientIss", f.clientIss);
        m.put("clientTenant", f.clientTenant);
        m.put("receivedAt", f.receivedAt.toString());
        m.put("prevHash", f.prevHash);
        m.put("recordHash", f.recordHash);
        return m;
    }

    private Outcome commit(Plan plan, Path file, String sha, String actor, String reason) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SignedCheckpoint evaluationAnchor = plan.lastEvaluation() == null ? null
                : signer.signAnchor(Chain.EVALUATION, plan.lastEvaluation(), plan.evaluationHash(), time);
        SignedCheckpoint feedbackAnchor = plan.lastFeedback() == null ? null
                : signer.signAnchor(Chain.FEEDBACK, plan.lastFeedback(), plan.feedbackHash(), time);
        String detail = (reason == null ? "" : reason + "; ") + plan.evaluations() + " evaluations"
                + (plan.lastEvaluation() == null ? "" : " up to " + plan.lastEvaluation()) + " and " + plan.feedback()
                + " feedback entries" + (plan.lastFeedback() == null ? "" : " up to " + plan.lastFeedback())
                + " recorded before " + plan.cutoff() + " exported to " + file.toAbsolutePath() + " (sha256 " + sha
                + ")";
        String target = plan.lastEvaluation() == null ? null : "up to " + plan.lastEvaluation();
        Long adminId = QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
            ChainHead adminHead = ChainHead.lock(Chain.ADMIN_ACTIONS);
            AdminActionRecord admin = AdminLog.next(adminHead.lastHash, time, actor, "audit-purge", target, "done",
                    detail);
            if (platform.postgresql()) {
                return (Long) ((Number) em.createNativeQuery("SELECT medsafety_purge_audit(?1, ?2, ?3, ?4, ?5, ?6, "
                                + "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")
                        .setParameter(1, plan.lastEvaluation()).setParameter(2, plan.evaluationHash())
                        .setParameter(3, plan.evaluations())
                        .setParameter(4, plan.lastFeedback()).setParameter(5, plan.feedbackHash())
                        .setParameter(6, plan.feedback())
                        .setParameter(7, time.atOffset(ZoneOffset.UTC)).setParameter(8, keys.signing().keyId())
                        .setParameter(9, evaluationAnchor == null ? null : evaluationAnchor.signature())
                        .setParameter(10, feedbackAnchor == null ? null : feedbackAnchor.signature())
                        .setParameter(11, admin.actedAt.atOffset(ZoneOffset.UTC)).setParameter(12, admin.actor)
                        .setParameter(13, admin.target).setParameter(14, admin.detail)
                        .setParameter(15, admin.prevHash).setParameter(16, admin.recordHash)
                        .getSingleResult()).longValue();
            }
            return purgeHere(plan, evaluationAnchor, feedbackAnchor, admin, adminHead);
        });
        // The anchors are in the database; now in the file outside it too.
        List<SignedCheckpoint> anchors = QuarkusTransaction.requiringNew().call(() -> ChainCheckpoint
                .<ChainCheckpoint>list("kind = 'purge' and checkedAt = ?1 and signature is not null", time).stream()
                .map(SignedCheckpoint::of).toList());
        signer.append(anchors);
        return new Outcome(plan.evaluations(), plan.lastEvaluation(), plan.feedback(), plan.lastFeedback(),
                file.toAbsolutePath().toString(), sha, plan.cutoff(), adminId);
    }

    /** What {@code medsafety_purge_audit} does on PostgreSQL, for the embedded database (no roles there). */
    private Long purgeHere(Plan plan, SignedCheckpoint evaluationAnchor, SignedCheckpoint feedbackAnchor,
                           AdminActionRecord admin, ChainHead adminHead) {
        Instant floor = Instant.now().atZone(ZoneOffset.UTC).minusYears(FLOOR_YEARS).toInstant();
        if (plan.lastEvaluation() != null) {
            EvaluationRecord last = EvaluationRecord.findById(plan.lastEvaluation());
            if (last == null || !plan.evaluationHash().equals(last.recordHash)) {
                throw new IllegalStateException("evaluation " + plan.lastEvaluation() + " changed during the purge");
            }
            if (EvaluationRecord.count("id <= ?1", plan.lastEvaluation()) != plan.evaluations()) {
                throw new IllegalStateException("the evaluations to purge changed during the export");
            }
            if (EvaluationRecord.count("id <= ?1 and evaluatedAt >= ?2", plan.lastEvaluation(), floor) > 0) {
                throw new IllegalStateException("refused: evaluations younger than " + FLOOR_YEARS + " years");
            }
        }
        if (plan.lastFeedback() != null) {
            FeedbackRecord last = FeedbackRecord.findById(plan.lastFeedback());
            if (last == null || !plan.feedbackHash().equals(last.recordHash)
                    || FeedbackRecord.count("id <= ?1", plan.lastFeedback()) != plan.feedback()) {
                throw new IllegalStateException("the feedback to purge changed during the export");
            }
            if (FeedbackRecord.count("id <= ?1 and receivedAt >= ?2", plan.lastFeedback(), floor) > 0) {
                throw new IllegalStateException("refused: feedback younger than " + FLOOR_YEARS + " years");
            }
            em.createQuery("delete from FeedbackRecord f where f.id <= :last")
                    .setParameter("last", plan.lastFeedback()).executeUpdate();
            anchor(feedbackAnchor);
        }
        if (plan.lastEvaluation() != null) {
            em.createQuery("delete from CardRecord c where c.evaluationId <= :last")
                    .setParameter("last", plan.lastEvaluation()).executeUpdate();
            em.createQuery("delete from EvaluationRecord e where e.id <= :last")
                    .setParameter("last", plan.lastEvaluation()).executeUpdate();
            anchor(evaluationAnchor);
        }
        admin.persist();
        adminHead.advance(admin.id, admin.recordHash);
        return admin.id;
    }

    private static void anchor(SignedCheckpoint signed) {
        ChainCheckpoint row = new ChainCheckpoint();
        row.kind = SignedCheckpoint.PURGE;
        row.chain = signed.chain();
        row.lastId = signed.lastId();
        row.lastHash = signed.lastHash();
        row.checkedAt = signed.time();
        row.signature = signed.signature();
        row.keyId = signed.keyId();
        row.persist();
    }
}
