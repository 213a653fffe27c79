package org.medsafety.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One read of the audit trail by an auditor: who looked at which patient's records, when, with which filters. */
@Entity
@Table(name = "audit_read")
public class AuditRead extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "read_at", nullable = false)
    public Instant readAt;

    @Column(nullable = false)
    public String reader;

    @Column(nullable = false)
    public String what;

    @Column(name = "patient_id")
    public String patientId;

    public String filters;

    @Column(name = "result_count")
    public Integer resultCount;

    /** The previous record's hash in this table's audit chain (null on rows from before it was chained). */
    @Column(name = "prev_hash")
    public String prevHash;

    /** SHA-256 of {@link #prevHash} and this row's content (see {@code org.medsafety.audit.AuditChain}). */
    @Column(name = "record_hash")
    public String recordHash;
}
