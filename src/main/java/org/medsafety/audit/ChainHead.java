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

    /**
     * Locks the head of {@code chain} until the calling transaction ends, so that instances extend one chain, never
     * fork it. Ids of the rows written under the lock are drawn after it, so id order is chain order.
     */
    public static ChainHead lock(Chain chain) {
        ChainHead head = findById(chain.headId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            // Only a direct edit of the database removes it; the integrity check names it.
            throw new IllegalStateException("the head of the " + chain.label + " audit chain is missing");
        }
        return head;
    }

    /** The chain now ends with record {@code id}, whose hash is {@code hash}. */
    public void advance(long id, String hash) {
        lastId = id;
        lastHash = hash;
    }
}
