package org.medsafety.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One card returned by an evaluation, indexed for feedback and for queries by rule. */
@Entity
@Table(name = "evaluation_card")
public class CardRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "evaluation_id", nullable = false)
    public Long evaluationId;

    @Column(name = "card_uuid", nullable = false)
    public String cardUuid;

    @Column(name = "rule_id", nullable = false)
    public String ruleId;

    @Column(name = "check_kind", nullable = false)
    public String checkKind;

    @Column(name = "knowledge_id")
    public String knowledgeId;

    @Column(nullable = false)
    public String indicator;

    public String severity;

    @Column(name = "draft_order")
    public String draftOrder;

    public String drugs;

    /** Ingredient RxCUIs involved, as ",11289,7258," so that one code matches exactly. */
    public String rxcuis;

    @Column(nullable = false)
    public String summary;

    public static CardRecord byUuid(String uuid) {
        return find("cardUuid", uuid).firstResult();
    }
}
