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

    /** "verified" (an integrity check passed up to here) or "purge" (records up to here were purged). */
    @Column(nullable = false)
    public String kind = "verified";
}
