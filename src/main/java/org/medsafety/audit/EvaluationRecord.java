package org.medsafety.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One CDS Hooks evaluation as stored: append-only, written before the response leaves. */
@Entity
@Table(name = "evaluation")
public class EvaluationRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /**
     * This record's own identity, given when it was made; the database refuses a second row with it, so a record
     * replayed from the journal or retried after an unknown commit outcome is stored once. Null on records written
     * before it existed.
     */
    @Column(name = "record_uuid", length = 36)
    public String recordUuid;

    @Column(name = "hook_instance", nullable = false)
    public String hookInstance;

    @Column(name = "service_id", nullable = false)
    public String serviceId;

    @Column(nullable = false)
    public String hook;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "encounter_id")
    public String encounterId;

    /** The verified iss of the EHR that called; null when calls need no token (loopback quick start). */
    @Column(name = "client_iss")
    public String clientIss;

    /** The tenant the EHR's token named, if any. */
    @Column(name = "client_tenant")
    public String clientTenant;

    /**
     * The identified drugs no knowledge row names (JSON array of rxcui, name, kind), or null when there were none:
     * they were screened, silently, against nothing but a second order of themselves and the allergy list.
     */
    @Column(name = "drugs_without_knowledge", columnDefinition = "text")
    public String drugsWithoutKnowledge;

    @Column(name = "ruleset_version", nullable = false)
    public String rulesetVersion;

    @Column(name = "duration_micros", nullable = false)
    public long durationMicros;

    @Column(name = "card_count", nullable = false)
    public int cardCount;

    /** The normalised patient snapshot the rules saw (JSON), so the evaluation can be reproduced. */
    @Column(name = "snapshot_json", nullable = false, columnDefinition = "text")
    public String snapshotJson;

    /** The response cards exactly as sent (JSON array). */
    @Column(name = "cards_json", nullable = false, columnDefinition = "text")
    public String cardsJson;

    /** The previous record's hash in the audit chain. */
    @Column(name = "prev_hash")
    public String prevHash;

    /** SHA-256 of {@link #prevHash} and this record's content (see {@link AuditChain}). */
    @Column(name = "record_hash")
    public String recordHash;

    /**
     * The format {@link #recordHash} was computed in: null for records from before issue 10 (the row alone), 2 for
     * the row with its card rows (see {@link AuditChain}).
     */
    @Column(name = "hash_format")
    public Integer hashFormat;
}
