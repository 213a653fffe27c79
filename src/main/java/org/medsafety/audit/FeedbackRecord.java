package org.medsafety.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What a clinician did with a card: accepted or overridden, why, and when. */
@Entity
@Table(name = "card_feedback")
public class FeedbackRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "card_uuid", nullable = false)
    public String cardUuid;

    @Column(name = "service_id", nullable = false)
    public String serviceId;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "outcome_timestamp", nullable = false)
    public Instant outcomeTimestamp;

    @Column(name = "override_system")
    public String overrideSystem;

    @Column(name = "override_code")
    public String overrideCode;

    @Column(name = "override_display")
    public String overrideDisplay;

    @Column(name = "user_comment")
    public String userComment;

    @Column(name = "accepted_suggestions")
    public String acceptedSuggestions;

    /** The verified iss of the EHR that sent the feedback; null in the loopback quick start. */
    @Column(name = "client_iss")
    public String clientIss;

    @Column(name = "client_tenant")
    public String clientTenant;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** The previous record's hash in this table's audit chain (null on rows from before it was chained). */
    @Column(name = "prev_hash")
    public String prevHash;

    /** SHA-256 of {@link #prevHash} and this row's content (see {@code org.medsafety.audit.AuditChain}). */
    @Column(name = "record_hash")
    public String recordHash;

    public static boolean exists(String cardUuid, String outcome, Instant outcomeTimestamp) {
        return count("cardUuid = ?1 and outcome = ?2 and outcomeTimestamp = ?3", cardUuid, outcome,
                outcomeTimestamp) > 0;
    }
}
