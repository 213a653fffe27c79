package org.medsafety.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The version every instance must serve and the activation that made it so (one row). Each activation locks it
 * before drawing its id and keeps the lock to commit, so activations commit in id order across instances.
 */
@Entity
@Table(name = "ruleset_active")
public class RulesetActiveRecord extends PanacheEntityBase {

    static final int ID = 1;

    @Id
    public Integer id;

    /** Null before the first activation. */
    @Column(name = "activation_id")
    public Long activationId;

    public String version;
}
