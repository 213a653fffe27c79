package org.medsafety.bench.bare;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The one row the bare endpoint writes per call. No patient identifier: the benchmark needs none. */
@Entity
@Table(name = "received_order")
public class ReceivedOrder extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "hook_instance", nullable = false)
    public String hookInstance;

    @Column(nullable = false)
    public String hook;

    @Column(name = "draft_orders", nullable = false)
    public int draftOrders;

    @Column(name = "active_medications", nullable = false)
    public int activeMedications;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
