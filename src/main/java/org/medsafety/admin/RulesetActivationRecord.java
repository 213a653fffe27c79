package org.medsafety.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One activation of a ruleset version; the newest row is the version every instance must serve. */
@Entity
@Table(name = "ruleset_activation")
public class RulesetActivationRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String version;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(name = "activated_by", nullable = false)
    public String activatedBy;

    public String reason;

    /** The newest activation, or null before the first. */
    public static RulesetActivationRecord latest() {
        return find("order by id desc").firstResult();
    }
}
