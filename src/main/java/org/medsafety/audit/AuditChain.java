package org.medsafety.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain over evaluation records: each record's hash is SHA-256 of the previous record's hash and the
 * record's own content, so editing or removing any record breaks every hash after it.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** The hash of {@code e} following {@code previous}; every stored field but the id and the hashes counts. */
    public static String hash(String previous, EvaluationRecord e) {
        MessageDigest sha = sha256();
        field(sha, previous);
        field(sha, e.hookInstance);
        field(sha, e.serviceId);
        field(sha, e.hook);
        field(sha, e.evaluatedAt == null ? null : e.evaluatedAt.toString());
        field(sha, e.patientId);
        field(sha, e.userId);
        field(sha, e.encounterId);
        field(sha, e.rulesetVersion);
        field(sha, Long.toString(e.durationMicros));
        field(sha, Integer.toString(e.cardCount));
        field(sha, e.snapshotJson);
        field(sha, e.cardsJson);
        // Added with client authentication: absent on earlier records, whose hashes must still verify.
        if (e.clientIss != null || e.clientTenant != null) {
            field(sha, e.clientIss);
            field(sha, e.clientTenant);
        }
        // Added with the RxNorm vocabulary, in the same way; the label keeps it apart from the client fields.
        if (e.drugsWithoutKnowledge != null) {
            field(sha, "drugsWithoutKnowledge");
            field(sha, e.drugsWithoutKnowledge);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Length-prefixed, so that no two different records hash the same bytes. */
    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length});
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
