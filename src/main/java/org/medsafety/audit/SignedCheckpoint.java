package org.medsafety.audit;

import java.time.Instant;

/**
 * A point of one audit chain the service verified and signed: "record {@code lastId} of {@code chain} had hash
 * {@code lastHash} at {@code time}". {@code kind} is "signed", or "purge" for the anchor a retention purge leaves.
 * The signature covers {@link #text()}, byte for byte; the database id is not part of it.
 */
public record SignedCheckpoint(Long id, String kind, String chain, long lastId, String lastHash, Instant time,
                               String signature, String keyId) {

    public static final String SIGNED = "signed";
    public static final String PURGE = "purge";

    /** The exact text that is signed (UTF-8, each line ending in a line feed). */
    public String text() {
        return text(kind, chain, lastId, lastHash, time);
    }

    public static String text(String kind, String chain, long lastId, String lastHash, Instant time) {
        return "medsafety-audit-checkpoint/1\n"
                + "kind=" + kind + "\n"
                + "chain=" + chain + "\n"
                + "lastId=" + lastId + "\n"
                + "lastHash=" + lastHash + "\n"
                + "time=" + time + "\n";
    }

    /** Same chain point, whatever the row id or the key that signed it. */
    public boolean samePoint(SignedCheckpoint other) {
        return chain.equals(other.chain) && lastId == other.lastId && lastHash.equals(other.lastHash);
    }

    static SignedCheckpoint of(ChainCheckpoint c) {
        return new SignedCheckpoint(c.id, c.kind, c.chain, c.lastId, c.lastHash, c.checkedAt, c.signature, c.keyId);
    }
}
