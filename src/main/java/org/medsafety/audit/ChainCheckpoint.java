package org.medsafety.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A point up to which the chain was verified intact. */
@Entity
@Table(name = "audit_checkpoint")
public class ChainCheckpoint extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "last_id", nullable = false)
    public long lastId;

    @Column(name = "last_hash", nullable = false)
    public String lastHash;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;

    /**
     * "signed" (the service verified its chain up to here and signed it), "purge" (records up to here were purged;
     * signed too), or "verified" (an unsigned mark older integrity checks left; no longer trusted or written).
     */
    @Column(nullable = false)
    public String kind = "signed";

    /** The chain this point is on ({@link Chain#label}); "evaluation" for every row from before issue 10. */
    @Column(nullable = false)
    public String chain = Chain.EVALUATION.label;

    /** Base64 signature over {@link SignedCheckpoint#text()}; null on rows from before issue 10. */
    public String signature;

    /** The signing key's id (see {@link AuditSigningKey#keyId}). */
    @Column(name = "key_id")
    public String keyId;
}
