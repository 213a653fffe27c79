package org.medsafety.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The end of the audit hash chain (one row), locked by each writing transaction. */
@Entity
@Table(name = "audit_chain_head")
public class ChainHead extends PanacheEntityBase {

    @Id
    public Integer id;

    @Column(name = "last_id", nullable = false)
    public long lastId;

    @Column(name = "last_hash", nullable = false)
    public String lastHash;
}
