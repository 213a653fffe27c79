package org.medsafety.audit;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies one audit chain, over plain JDBC, up to its head as read when the walk starts (records committed later
 * are left to the next check, so a live chain never looks broken). Each record's link and content are checked
 * separately, so the report says whether a record was altered or the records before it removed; the walk goes on
 * after a problem to name the others. Signed checkpoints (from the database and from the file outside it) must
 * carry a valid signature from a trusted key and still match the record they name: a chain rewritten with every
 * hash recomputed fails there.
 */
final class ChainWalk {

    static final int MAX_PROBLEMS = 50;

    /** One thing found: which chain, which record (or checkpoint), what kind, and in words. */
    record Problem(String chain, Long id, String kind, String message) {
    }

    /** How one chain verified. {@code fromId} exclusive, {@code toId} the last record read. */
    record ChainReport(String chain, boolean intact, long checked, long fromId, long toId, String toHash,
                       Long headId, Long firstBroken, Long resumedFromCheckpoint, List<Problem> problems) {
    }

    private final Connection db;
    private final Chain chain;
    private final boolean full;
    private final Map<String, PublicKey> trustedKeys;
    private final List<SignedCheckpoint> fileCheckpoints;
    private final List<Problem> problems = new ArrayList<>();

    /**
     * @param fileCheckpoints this chain's checkpoints from the file outside the database (all of them for a full
     *                        check; the newest for an incremental one)
     */
    ChainWalk(Connection db, Chain chain, boolean full, Map<String, PublicKey> trustedKeys,
              List<SignedCheckpoint> fileCheckpoints) {
        this.db = db;
        this.chain = chain;
        this.full = full;
        this.trustedKeys = trustedKeys;
        this.fileCheckpoints = fileCheckpoints;
    }

    ChainReport run() throws SQLException {
        // Checkpoints first, then the head: a checkpoint never names a record beyond the head read after it.
        List<SignedCheckpoint> stored = storedCheckpoints();
        Head head = head();
        long bound = head != null ? head.lastId : maxId();
        if (head == null) {
            problem(null, "head-missing", "the head of the " + chain.label + " chain (audit_chain_head row "
                    + chain.headId + ") is missing: it was deleted in the database");
        }

        List<SignedCheckpoint> trusted = new ArrayList<>();
        for (SignedCheckpoint c : stored) {
            if (c.signature() == null) {
                continue; // an unsigned purge anchor: judged below
            }
            if (signatureHolds(c, "checkpoint " + c.id())) {
                trusted.add(c);
            }
        }
        for (SignedCheckpoint c : fileCheckpoints) {
            if (signatureHolds(c, "checkpoint " + c.id() + " in the checkpoint file")) {
                trusted.add(c);
                compareWithDatabase(c, stored);
            }
        }

        // Where the chain starts: after the newest purge anchor, else at the first hashed record (genesis).
        SignedCheckpoint anchor = stored.stream().filter(c -> SignedCheckpoint.PURGE.equals(c.kind()))
                .max(Comparator.comparingLong(SignedCheckpoint::lastId)).orElse(null);
        for (SignedCheckpoint c : stored) {
            if (SignedCheckpoint.PURGE.equals(c.kind()) && c.signature() == null
                    && trusted.stream().noneMatch(t -> t.samePoint(c))) {
                problem(c.lastId(), "anchor-unsigned", "purge anchor " + c.id() + " (records up to " + c.lastId()
                        + " purged) carries no signature and no signed checkpoint names it: it was not written by a "
                        + "purge of this service");
            }
        }
        long startAfter;
        String running;
        String startName;
        if (anchor != null) {
            startAfter = anchor.lastId();
            running = anchor.lastHash();
            startName = "purge anchor " + anchor.id();
        } else {
            Long first = firstHashed(bound);
            running = AuditChain.GENESIS;
            startName = "the start of the chain";
            if (first != null) {
                startAfter = first - 1;
            } else if (head == null || AuditChain.GENESIS.equals(head.lastHash)) {
                startAfter = bound; // nothing chained yet
            } else {
                startAfter = 0; // the head names records, none is left: reported at the end
            }
        }
        long chainStart = startAfter;

        // An incremental check resumes at the newest signed checkpoint that still matches its record.
        Long resumedFrom = null;
        if (!full) {
            Optional<SignedCheckpoint> newest = trusted.stream().filter(c -> SignedCheckpoint.SIGNED.equals(c.kind()))
                    .filter(c -> c.lastId() > chainStart && c.lastId() <= bound)
                    .max(Comparator.comparingLong(SignedCheckpoint::lastId));
            if (newest.isPresent() && newest.get().lastHash().equals(storedHash(newest.get().lastId()))) {
                startAfter = newest.get().lastId();
                running = newest.get().lastHash();
                startName = "checkpoint " + newest.get().id();
                resumedFrom = newest.get().id();
            }
        }

        Map<Long, List<SignedCheckpoint>> signedAt = new HashMap<>();
        for (SignedCheckpoint c : trusted) {
            signedAt.computeIfAbsent(c.lastId(), k -> new ArrayList<>()).add(c);
        }
        Walked walked = walk(startAfter, bound, running, startName, signedAt);

        // Checkpoints the walk did not pass: before where it started, or beyond the head.
        for (SignedCheckpoint c : trusted) {
            if (c.lastId() > startAfter && c.lastId() <= bound) {
                continue;
            }
            if (c.lastId() > bound) {
                problem(c.lastId(), "checkpoint-beyond-head", checkpointName(c) + " names record " + c.lastId()
                        + ", beyond the chain's head (" + bound + "): the newest records or the head were rolled back");
            } else if (anchor != null && c.lastId() < anchor.lastId()) {
                continue; // purged since it was signed
            } else if (anchor != null && c.lastId() == anchor.lastId()) {
                if (!c.lastHash().equals(anchor.lastHash())) {
                    problem(c.lastId(), "checkpoint-mismatch", checkpointName(c) + " signed record " + c.lastId()
                            + " with a hash the purge anchor " + anchor.id() + " does not carry");
                }
            } else {
                String now = storedHash(c.lastId());
                if (now == null) {
                    problem(c.lastId(), "checkpoint-record-missing", "record " + c.lastId() + ", which "
                            + checkpointName(c) + " signed at " + c.time() + ", is missing or unhashed");
                } else if (!now.equals(c.lastHash())) {
                    problem(c.lastId(), "checkpoint-mismatch", "record " + c.lastId() + " differs from what "
                            + checkpointName(c) + " signed at " + c.time() + ": the chain was rewritten since");
                }
            }
        }

        if (head != null) {
            if (walked.lastId < head.lastId) {
                problem(head.lastId, "newest-missing", "the chain ends at record " + walked.lastId + " but its head "
                        + "names record " + head.lastId + ": the newest records were removed");
            } else if (!walked.running.equals(head.lastHash)) {
                problem(head.lastId, "head-mismatch", "the head of the chain does not carry the hash of record "
                        + head.lastId + ": the head or that record was altered");
            }
        }
        return new ChainReport(chain.label, problems.isEmpty(), walked.checked, startAfter, walked.lastId,
                walked.running, head == null ? null : head.lastId, firstBroken(), resumedFrom,
                List.copyOf(problems));
    }

    private record Head(long lastId, String lastHash) {
    }

    private record Walked(long checked, long lastId, String running) {
    }

    /**
     * Records are read in windows of {@link #WINDOW} ids, one query each: H2 holds a whole result (and copies of its
     * large text values) in memory, so one query over the 10,000 records a checkpoint covers took hundreds of
     * megabytes of heap (docs/performance.md); PostgreSQL streams either way.
     */
    static final int WINDOW = 256;

    private Walked walk(long after, long bound, String running, String startName,
                        Map<Long, List<SignedCheckpoint>> signedAt) throws SQLException {
        if (bound <= after) {
            return new Walked(0, after, running);
        }
        Walk walk = new Walk(after, running);
        for (long from = after; from < bound; from = Math.min(bound, from + WINDOW)) {
            walkWindow(walk, from, Math.min(bound, from + WINDOW), startName, signedAt);
        }
        return new Walked(walk.checked, walk.lastId, walk.running == null ? "" : walk.running);
    }

    /** Where a walk stands between two windows. */
    private static final class Walk {
        long checked;
        long lastId;
        Long previousId;
        boolean sawCurrentFormat;
        String running;

        Walk(long after, String running) {
            this.lastId = after;
            this.running = running;
        }
    }

    private void walkWindow(Walk walk, long after, long bound, String startName,
                            Map<Long, List<SignedCheckpoint>> signedAt) throws SQLException {
        long checked = walk.checked;
        long lastId = walk.lastId;
        Long previousId = walk.previousId;
        boolean sawCurrentFormat = walk.sawCurrentFormat;
        String running = walk.running;
        try (PreparedStatement rows = db.prepareStatement(rowQuery(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
             CardStream cards = chain == Chain.EVALUATION ? new CardStream(db, after, bound) : null) {
            rows.setFetchSize(WINDOW);
            rows.setLong(1, after);
            rows.setLong(2, bound);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    String prev = rs.getString("prev_hash");
                    String stored = rs.getString("record_hash");
                    checked++;
                    List<CardRecord> rowCards = cards == null ? List.of() : cards.upTo(id, this);
                    if (stored == null) {
                        problem(id, "unhashed", "record " + id + " carries no hash inside the chain: its hash was "
                                + "removed, or it was inserted directly");
                    } else {
                        if (running != null && !running.equals(prev)) {
                            String after2 = previousId == null ? startName : "record " + previousId;
                            problem(id, "link-broken", "record " + id + " does not follow " + after2 + ": the "
                                    + "records between them were removed, or one of them was altered");
                        }
                        Integer format = chain == Chain.EVALUATION ? (Integer) rs.getObject("hash_format") : null;
                        if (chain == Chain.EVALUATION && format == null && sawCurrentFormat) {
                            problem(id, "format-downgrade", "record " + id + " claims the old hash format after "
                                    + "records in the new one: it was rewritten to leave its card rows unhashed");
                        }
                        sawCurrentFormat |= format != null;
                        String computed;
                        try {
                            computed = recompute(rs, prev, rowCards);
                        } catch (RuntimeException unreadable) {
                            computed = null;
                        }
                        if (!stored.equals(computed)) {
                            problem(id, "altered", "record " + id + " was altered: its content"
                                    + (chain == Chain.EVALUATION ? " or its card rows" : "")
                                    + " no longer match its hash");
                        }
                        for (SignedCheckpoint c : signedAt.getOrDefault(id, List.of())) {
                            if (!c.lastHash().equals(stored)) {
                                problem(id, "checkpoint-mismatch", "record " + id + " differs from what "
                                        + checkpointName(c) + " signed at " + c.time() + ": the chain was rewritten "
                                        + "since");
                            }
                        }
                    }
                    running = stored;
                    previousId = id;
                    lastId = id;
                }
            }
            if (cards != null) {
                cards.rest(this);
            }
        }
        walk.checked = checked;
        walk.lastId = lastId;
        walk.previousId = previousId;
        walk.sawCurrentFormat = sawCurrentFormat;
        walk.running = running;
    }

    private String rowQuery() {
        String columns = switch (chain) {
            case EVALUATION -> "id, prev_hash, record_hash, hash_format, hook_instance, service_id, hook, evaluated_at, "
                    + "patient_id, user_id, encounter_id, client_iss, client_tenant, ruleset_version, duration_micros, "
                    + "card_count, snapshot_json, cards_json, drugs_without_knowledge";
            case FEEDBACK -> "id, prev_hash, record_hash, card_uuid, service_id, outcome, outcome_timestamp, "
                    + "override_system, override_code, override_display, user_comment, accepted_suggestions, "
                    + "client_iss, client_tenant, received_at";
            case ADMIN_ACTIONS -> "id, prev_hash, record_hash, acted_at, actor, action, target, outcome, detail";
            case AUDIT_READS -> "id, prev_hash, record_hash, read_at, reader, what, patient_id, filters, result_count";
        };
        return "SELECT " + columns + " FROM " + chain.table + " WHERE id > ? AND id <= ? ORDER BY id";
    }

    private String recompute(ResultSet rs, String prev, List<CardRecord> cards) throws SQLException {
        switch (chain) {
            case EVALUATION -> {
                EvaluationRecord e = new EvaluationRecord();
                e.hashFormat = (Integer) rs.getObject("hash_format");
                e.hookInstance = rs.getString("hook_instance");
                e.serviceId = rs.getString("service_id");
                e.hook = rs.getString("hook");
                e.evaluatedAt = instant(rs, "evaluated_at");
                e.patientId = rs.getString("patient_id");
                e.userId = rs.getString("user_id");
                e.encounterId = rs.getString("encounter_id");
                e.clientIss = rs.getString("client_iss");
                e.clientTenant = rs.getString("client_tenant");
                e.rulesetVersion = rs.getString("ruleset_version");
                e.durationMicros = rs.getLong("duration_micros");
                e.cardCount = rs.getInt("card_count");
                e.snapshotJson = rs.getString("snapshot_json");
                e.cardsJson = rs.getString("cards_json");
                e.drugsWithoutKnowledge = rs.getString("drugs_without_knowledge");
                return AuditChain.hash(prev, e, cards);
            }
            case FEEDBACK -> {
                FeedbackRecord f = new FeedbackRecord();
                f.cardUuid = rs.getString("card_uuid");
                f.serviceId = rs.getString("service_id");
                f.outcome = rs.getString("outcome");
                f.outcomeTimestamp = instant(rs, "outcome_timestamp");
                f.overrideSystem = rs.getString("override_system");
                f.overrideCode = rs.getString("override_code");
                f.overrideDisplay = rs.getString("override_display");
                f.userComment = rs.getString("user_comment");
                f.acceptedSuggestions = rs.getString("accepted_suggestions");
                f.clientIss = rs.getString("client_iss");
                f.clientTenant = rs.getString("client_tenant");
                f.receivedAt = instant(rs, "received_at");
                return AuditChain.hash(prev, f);
            }
            case ADMIN_ACTIONS -> {
                return AuditChain.adminActionHash(prev, instant(rs, "acted_at"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                        rs.getString("detail"));
            }
            case AUDIT_READS -> {
                AuditRead r = new AuditRead();
                r.readAt = instant(rs, "read_at");
                r.reader = rs.getString("reader");
                r.what = rs.getString("what");
                r.patientId = rs.getString("patient_id");
                r.filters = rs.getString("filters");
                r.resultCount = (Integer) rs.getObject("result_count");
                return AuditChain.hash(prev, r);
            }
            default -> throw new IllegalStateException();
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * The card rows of the evaluations walked, read alongside them in evaluation order; a card row whose
     * evaluation is not in the chain is named.
     */
    private static final class CardStream implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet rs;
        private boolean more;

        CardStream(Connection db, long after, long bound) throws SQLException {
            statement = db.prepareStatement("SELECT id, evaluation_id, card_uuid, rule_id, check_kind, knowledge_id, "
                    + "indicator, severity, draft_order, drugs, rxcuis, summary FROM evaluation_card "
                    + "WHERE evaluation_id > ? AND evaluation_id <= ? ORDER BY evaluation_id, id",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(500);
            statement.setLong(1, after);
            statement.setLong(2, bound);
            rs = statement.executeQuery();
            more = rs.next();
        }

        /** The cards of evaluation {@code id}; cards of evaluations before it that were not walked are orphans. */
        List<CardRecord> upTo(long id, ChainWalk walk) throws SQLException {
            List<CardRecord> result = new ArrayList<>();
            while (more && rs.getLong("evaluation_id") <= id) {
                long evaluation = rs.getLong("evaluation_id");
                if (evaluation < id) {
                    walk.orphan(rs.getLong("id"), evaluation);
                } else {
                    result.add(card());
                }
                more = rs.next();
            }
            return result;
        }

        void rest(ChainWalk walk) throws SQLException {
            while (more) {
                walk.orphan(rs.getLong("id"), rs.getLong("evaluation_id"));
                more = rs.next();
            }
        }

        private CardRecord card() throws SQLException {
            CardRecord c = new CardRecord();
            c.id = rs.getLong("id");
            c.evaluationId = rs.getLong("evaluation_id");
            c.cardUuid = rs.getString("card_uuid");
            c.ruleId = rs.getString("rule_id");
            c.checkKind = rs.getString("check_kind");
            c.knowledgeId = rs.getString("knowledge_id");
            c.indicator = rs.getString("indicator");
            c.severity = rs.getString("severity");
            c.draftOrder = rs.getString("draft_order");
            c.drugs = rs.getString("drugs");
            c.rxcuis = rs.getString("rxcuis");
            c.summary = rs.getString("summary");
            return c;
        }

        @Override
        public void close() throws SQLException {
            try {
                rs.close();
            } finally {
                statement.close();
            }
        }
    }

    private void orphan(long cardId, long evaluationId) {
        problem(evaluationId, "card-orphan", "card row " + cardId + " names evaluation " + evaluationId
                + ", which is not in the chain: the evaluation was removed, or the card row inserted or moved");
    }

    private boolean signatureHolds(SignedCheckpoint c, String name) {
        PublicKey key = c.keyId() == null ? null : trustedKeys.get(c.keyId());
        if (key == null) {
            problem(c.lastId(), "checkpoint-untrusted-key", name + " is signed by key " + c.keyId() + ", which this "
                    + "service does not trust (MEDSAFETY_AUDIT_CHECKPOINTS_TRUSTED_KEYS)");
            return false;
        }
        if (!AuditSigningKey.verify(key, c.text(), c.signature())) {
            problem(c.lastId(), "checkpoint-forged", name + " does not carry a valid signature: it was altered or "
                    + "forged");
            return false;
        }
        return true;
    }

    /** A checkpoint from the file must still be in the database, unchanged. */
    private void compareWithDatabase(SignedCheckpoint fromFile, List<SignedCheckpoint> loaded) throws SQLException {
        if (fromFile.id() == null) {
            return;
        }
        SignedCheckpoint inDb = loaded.stream().filter(c -> fromFile.id().equals(c.id())).findFirst().orElse(null);
        if (inDb == null) {
            inDb = storedCheckpoint(fromFile.id());
        }
        if (inDb == null) {
            problem(fromFile.lastId(), "checkpoint-deleted", "checkpoint " + fromFile.id() + " (record "
                    + fromFile.lastId() + ", signed at " + fromFile.time() + ") is in the checkpoint file but no longer "
                    + "in the database: it was deleted");
        } else if (!inDb.samePoint(fromFile) || !inDb.kind().equals(fromFile.kind())
                || !fromFile.signature().equals(inDb.signature())) {
            problem(fromFile.lastId(), "checkpoint-altered", "checkpoint " + fromFile.id() + " in the database differs "
                    + "from its copy in the checkpoint file: it was altered");
        }
    }

    private static String checkpointName(SignedCheckpoint c) {
        return (SignedCheckpoint.PURGE.equals(c.kind()) ? "purge anchor " : "checkpoint ") + c.id();
    }

    /** Problems that name a record of this chain whose content, link or presence does not verify. */
    private static final java.util.Set<String> RECORD_KINDS = java.util.Set.of("unhashed", "link-broken", "altered",
            "format-downgrade", "checkpoint-mismatch", "checkpoint-record-missing", "newest-missing", "head-mismatch",
            "card-orphan");

    /** The lowest record id a record problem names; else the lowest any problem names. */
    private Long firstBroken() {
        Optional<Long> record = problems.stream().filter(p -> p.id() != null && RECORD_KINDS.contains(p.kind()))
                .map(Problem::id).min(Long::compare);
        return record.orElseGet(() -> problems.stream().map(Problem::id).filter(java.util.Objects::nonNull)
                .min(Long::compare).orElse(null));
    }

    private void problem(Long id, String kind, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(chain.label, id, kind, message));
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add(new Problem(chain.label, null, "more", "more problems were found; the first "
                    + MAX_PROBLEMS + " are listed"));
        }
    }

    // --- queries -------------------------------------------------------------------------------------------------

    private static final String CHECKPOINT_COLUMNS =
            "id, kind, chain, last_id, last_hash, checked_at, signature, key_id FROM audit_checkpoint";

    /** All signed checkpoints and purge anchors (full), or the anchors and the newest signed one (incremental). */
    private List<SignedCheckpoint> storedCheckpoints() throws SQLException {
        List<SignedCheckpoint> result = new ArrayList<>();
        String where = full ? "kind IN ('signed', 'purge')" : "kind = 'purge'";
        try (PreparedStatement s = db.prepareStatement("SELECT " + CHECKPOINT_COLUMNS + " WHERE chain = ? AND "
                + where + " ORDER BY id")) {
            s.setString(1, chain.label);
            readCheckpoints(s, result);
        }
        if (!full) {
            try (PreparedStatement s = db.prepareStatement("SELECT " + CHECKPOINT_COLUMNS + " WHERE chain = ? AND "
                    + "kind = 'signed' AND id = (SELECT MAX(id) FROM audit_checkpoint WHERE chain = ? AND "
                    + "kind = 'signed')")) {
                s.setString(1, chain.label);
                s.setString(2, chain.label);
                readCheckpoints(s, result);
            }
        }
        return result;
    }

    private SignedCheckpoint storedCheckpoint(long id) throws SQLException {
        List<SignedCheckpoint> result = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT " + CHECKPOINT_COLUMNS + " WHERE id = ?")) {
            s.setLong(1, id);
            readCheckpoints(s, result);
        }
        return result.isEmpty() ? null : result.get(0);
    }

    private static void readCheckpoints(PreparedStatement s, List<SignedCheckpoint> into) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                into.add(new SignedCheckpoint(rs.getLong("id"), rs.getString("kind"), rs.getString("chain"),
                        rs.getLong("last_id"), rs.getString("last_hash"), instant(rs, "checked_at"),
                        rs.getString("signature"), rs.getString("key_id")));
            }
        }
    }

    private Head head() throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT last_id, last_hash FROM audit_chain_head WHERE id = ?")) {
            s.setInt(1, chain.headId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null;
            }
        }
    }

    private long maxId() throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM " + chain.table);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Long firstHashed(long bound) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT MIN(id) FROM " + chain.table
                + " WHERE record_hash IS NOT NULL AND id <= ?")) {
            s.setLong(1, bound);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? null : id;
            }
        }
    }

    private String storedHash(long id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT record_hash FROM " + chain.table + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
