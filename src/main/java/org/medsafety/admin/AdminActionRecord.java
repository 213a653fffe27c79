package org.medsafety.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An admin action as recorded: who did what to which ruleset, when, and how it ended. */
@Entity
@Table(name = "admin_action")
public class AdminActionRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "acted_at", nullable = false)
    public Instant actedAt;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    public String target;

    @Column(nullable = false)
    public String outcome;

    @Column(columnDefinition = "text")
    public String detail;

    /** The previous record's hash in this table's audit chain (null on rows from before it was chained). */
    @Column(name = "prev_hash")
    public String prevHash;

    /** SHA-256 of {@link #prevHash} and this row's content (see {@code org.medsafety.audit.AuditChain}). */
    @Column(name = "record_hash")
    public String recordHash;
}
