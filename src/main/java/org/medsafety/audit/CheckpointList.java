package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The signed checkpoints and the public keys to verify them with; {@code next} is the {@code after} of the following
 * page (null: last).
 */
@JsonPropertyOrder({"publicKeys", "checkpoints", "next"})
public record CheckpointList(List<PublicKey> publicKeys, List<Checkpoint> checkpoints, Long next) {

    /** A trusted key; {@code signing} is the one this instance signs with. */
    @JsonPropertyOrder({"keyId", "algorithm", "signing", "pem"})
    public record PublicKey(String keyId, String algorithm, boolean signing, String pem) {
    }

    /**
     * One signed checkpoint: the chain, its last record and hash, when, by which key, the signature and the exact
     * signed text; where it was found (the database, this instance's checkpoint file, or both).
     */
    @JsonPropertyOrder({"id", "kind", "chain", "lastId", "hash", "time", "keyId", "signature", "signedText",
            "inDatabase", "inFile"})
    public record Checkpoint(Long id, String kind, String chain, long lastId, String hash, String time, String keyId,
                             String signature, String signedText, boolean inDatabase, boolean inFile) {

        static Checkpoint of(SignedCheckpoint c, boolean inDatabase, boolean inFile) {
            return new Checkpoint(c.id(), c.kind(), c.chain(), c.lastId(), c.lastHash(), c.time().toString(),
                    c.keyId(), c.signature(), c.text(), inDatabase, inFile);
        }
    }
}
