package org.medsafety.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetFiles;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ruleset versions in the database, shared by every instance: their files, who published them and why, and the
 * activation history (the newest activation is what every instance serves).
 */
@ApplicationScoped
public class RulesetStore implements ActivationLog {

    static final String RULES = "rules/";
    static final String KNOWLEDGE = "knowledge-base/";

    /**
     * Stores a version and its files unless that exact content is already stored (also when another instance
     * stores the same content at the same moment: one insert wins, the other finds it stored).
     */
    public void store(RulesetFiles files, Ruleset compiled, String label, String author, String reason) {
        try {
            insert(files, compiled, label, author, reason);
        } catch (RuntimeException e) {
            if (version(compiled.version()) == null) {
                throw e;
            }
        }
    }

    private void insert(RulesetFiles files, Ruleset compiled, String label, String author, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (RulesetVersionRecord.findById(compiled.version()) != null) {
                return;
            }
            RulesetVersionRecord v = new RulesetVersionRecord();
            v.version = compiled.version();
            v.label = limit(label, 200);
            v.author = limit(author, 100);
            v.reason = limit(reason, 1000);
            v.ruleCount = compiled.rules().size();
            v.publishedAt = Instant.now();
            v.active = false;
            v.persist();
            persistFiles(compiled.version(), RULES, files.rules());
            persistFiles(compiled.version(), KNOWLEDGE, files.knowledge());
        });
    }

    private static void persistFiles(String version, String prefix, Map<String, byte[]> files) {
        files.forEach((path, content) -> {
            RulesetFileRecord f = new RulesetFileRecord();
            f.version = version;
            f.path = prefix + path;
            String text = text(content);
            f.content = text != null ? text : Base64.getEncoder().encodeToString(content);
            f.contentEncoding = text != null ? null : RulesetFileRecord.BASE64;
            f.persist();
        });
    }

    /**
     * The file as text when it is exactly UTF-8 text without NUL (which PostgreSQL text cannot hold), else null: a
     * gzip file read as text would come back changed, and the version (the hash of the files) with it.
     */
    private static String text(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The files of a stored version, or null if there is no such version. */
    @Override
    public RulesetFiles load(String version) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<RulesetFileRecord> rows = RulesetFileRecord.list("version", version);
            if (rows.isEmpty()) {
                return null;
            }
            Map<String, byte[]> rules = new TreeMap<>();
            Map<String, byte[]> knowledge = new TreeMap<>();
            for (RulesetFileRecord row : rows) {
                byte[] bytes = RulesetFileRecord.BASE64.equals(row.contentEncoding)
                        ? Base64.getDecoder().decode(row.content) : row.content.getBytes(StandardCharsets.UTF_8);
                if (row.path.startsWith(RULES)) {
                    rules.put(row.path.substring(RULES.length()), bytes);
                } else if (row.path.startsWith(KNOWLEDGE)) {
                    knowledge.put(row.path.substring(KNOWLEDGE.length()), bytes);
                }
            }
            return new RulesetFiles(rules, knowledge);
        });
    }

    /** Makes a stored version the one every instance serves, whatever was active. */
    public Activation activate(String version, String actor, String reason) {
        return append(version, actor, reason, Precondition.ANY);
    }

    @Override
    public Activation append(String version, String actor, String reason, Precondition precondition) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Locked before the activation's id is drawn and until commit: activations on every instance commit in
            // id order, so the newest id is the newest activation.
            RulesetActiveRecord pointer = RulesetActiveRecord.findById(RulesetActiveRecord.ID,
                    LockModeType.PESSIMISTIC_WRITE);
            if (pointer == null) {
                throw new IllegalStateException("the ruleset_active row is missing from the database");
            }
            Activation latest = activation(pointer);
            if (!precondition.holdsFor(latest)) {
                throw new Conflict(precondition, latest);
            }
            RulesetActivationRecord a = new RulesetActivationRecord();
            a.version = version;
            a.activatedAt = Instant.now();
            a.activatedBy = limit(actor, 100);
            a.reason = limit(reason, 1000);
            a.persistAndFlush();
            pointer.activationId = a.id;
            pointer.version = version;
            RulesetVersionRecord.update("active = false where active = true and version <> ?1", version);
            RulesetVersionRecord.update("active = true where version = ?1", version);
            return new Activation(a.id, version);
        });
    }

    @Override
    public Activation latest() {
        return QuarkusTransaction.requiringNew().call(() -> activation(RulesetActiveRecord.findById(RulesetActiveRecord.ID)));
    }

    private static Activation activation(RulesetActiveRecord pointer) {
        return pointer == null || pointer.activationId == null ? null
                : new Activation(pointer.activationId, pointer.version);
    }

    /** The version every instance should serve, or null before the first activation. */
    public String activeVersion() {
        Activation latest = latest();
        return latest == null ? null : latest.version();
    }

    public RulesetVersionRecord version(String version) {
        return QuarkusTransaction.requiringNew().call(() -> RulesetVersionRecord.findById(version));
    }

    /** Every stored version, newest first. */
    public List<RulesetVersionRecord> history() {
        return QuarkusTransaction.requiringNew().call(() ->
                RulesetVersionRecord.listAll(Sort.descending("publishedAt")));
    }

    /** Paths of a version's files, for display. */
    public List<String> paths(String version) {
        return QuarkusTransaction.requiringNew().call(() ->
                RulesetFileRecord.<RulesetFileRecord>list("version", Sort.ascending("path"), version).stream()
                        .map(f -> f.path).toList());
    }

    private static String limit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
