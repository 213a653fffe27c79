package org.medsafety.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A ruleset version as every instance sees it in the database: which files (by hash), who, when, why. */
@Entity
@Table(name = "ruleset_version")
public class RulesetVersionRecord extends PanacheEntityBase {

    @Id
    public String version;

    @Column(nullable = false)
    public String label;

    @Column(nullable = false)
    public String author;

    public String reason;

    @Column(name = "rule_count", nullable = false)
    public int ruleCount;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(nullable = false)
    public boolean active;
}
