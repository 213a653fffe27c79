package org.medsafety.admin;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.RulesetCompiler;
import org.medsafety.engine.RulesetFiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activations from many instances at once (threads writing the shared database directly, as other instances do):
 * they commit one at a time in the order of their ids, so the newest id is the version every instance serves, and
 * exactly one version is flagged active. Runs on H2 and, with -Ppostgres, on PostgreSQL (READ COMMITTED, where the
 * flags used to end up true on two rows).
 */
@QuarkusTest
class ActivationOrderTest {

    @Inject
    RulesetStore store;

    @Inject
    AgroalDataSource dataSource;

    private String original;
    private final List<String> versions = new ArrayList<>();

    @BeforeEach
    void storeThreeVersions() {
        original = RulesetLifecycleTest.activeVersion();
        RulesetFiles shipped = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));
        versions.add(original);
        for (String name : List.of("order-a", "order-b")) {
            RulesetFiles files = RulesetActivatorTest.withScenario(shipped, name);
            var compiled = new RulesetCompiler().compile(files);
            store.store(files, compiled.ruleset(), "activation order test", "pharmacist", "test");
            versions.add(compiled.ruleset().version());
        }
    }

    @AfterEach
    void restoreActive() {
        RulesetLifecycleTest.pharmacistAction().queryParam("reason", "test cleanup")
                .when().post("/admin/rulesets/" + original + "/activate").then().statusCode(200);
    }

    @Test
    void concurrentActivationsCommitInIdOrderAndLeaveExactlyOneVersionFlaggedActive() throws Exception {
        int instances = 6;
        int each = 10;
        ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(instances + 1);
        CyclicBarrier together = new CyclicBarrier(instances);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < instances; t++) {
            writers.add(threads.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                for (int i = 0; i < each; i++) {
                    String version = versions.get(ThreadLocalRandom.current().nextInt(versions.size()));
                    ActivationLog.Activation a = store.activate(version, "pharmacist", "order test");
                    ids.add(a.id());
                    // What a follower reads right after: this activation or a newer one, never an older one.
                    ActivationLog.Activation seen = store.latest();
                    if (seen.id() < a.id()) {
                        violations.add("activation " + a.id() + " committed, but the newest is " + seen.id());
                    }
                }
                return null;
            }));
        }
        Future<?> follower = threads.submit(() -> { // what every instance's follower reads: only forward
            long last = 0;
            while (running.get()) {
                ActivationLog.Activation seen = store.latest();
                if (seen.id() < last) {
                    violations.add("the newest activation went back from " + last + " to " + seen.id());
                }
                last = seen.id();
            }
        });
        for (Future<?> w : writers) {
            w.get(120, TimeUnit.SECONDS);
        }
        running.set(false);
        follower.get(30, TimeUnit.SECONDS);
        threads.shutdown();

        assertThat(violations).isEmpty();
        assertThat(new HashSet<>(ids)).hasSize(instances * each);
        ActivationLog.Activation latest = store.latest();
        assertThat(latest.id()).isEqualTo(ids.stream().mapToLong(Long::longValue).max().orElseThrow());
        QuarkusTransaction.requiringNew().run(() -> {
            RulesetActivationRecord newest = RulesetActivationRecord.find("order by id desc").firstResult();
            assertThat(newest.id).isEqualTo(latest.id());
            assertThat(newest.version).isEqualTo(latest.version());
            List<RulesetVersionRecord> flagged = RulesetVersionRecord.list("active", true);
            assertThat(flagged).extracting(v -> v.version).containsExactly(latest.version());
        });
    }

    @Test
    void anActivationWaitsForTheOneInProgressElsewhereAndIsOrderedAfterIt() throws Exception {
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            long theirs;
            // Another instance is in the middle of an activation: it holds the row, has drawn its id, not committed.
            try (Statement s = otherInstance.createStatement()) {
                s.executeQuery("SELECT activation_id FROM ruleset_active WHERE id = 1 FOR UPDATE").close();
            }
            try (PreparedStatement insert = otherInstance.prepareStatement("INSERT INTO ruleset_activation "
                    + "(version, activated_at, activated_by, reason) VALUES (?, CURRENT_TIMESTAMP, 'elsewhere', "
                    + "'order test')", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, versions.get(1));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    theirs = keys.getLong(1);
                }
            }
            try (PreparedStatement pointer = otherInstance.prepareStatement(
                    "UPDATE ruleset_active SET activation_id = ?, version = ? WHERE id = 1")) {
                pointer.setLong(1, theirs);
                pointer.setString(2, versions.get(1));
                pointer.executeUpdate();
            }

            ExecutorService here = Executors.newSingleThreadExecutor();
            Future<ActivationLog.Activation> ours = here.submit(() ->
                    store.activate(versions.get(2), "pharmacist", "order test"));
            Thread.sleep(500);
            assertThat(ours.isDone()).as("our activation waits for the one in progress").isFalse();
            otherInstance.commit();
            ActivationLog.Activation activation = ours.get(30, TimeUnit.SECONDS);
            here.shutdown();

            assertThat(activation.id()).isGreaterThan(theirs);
            assertThat(store.latest()).isEqualTo(activation);
            Set<String> flagged = new HashSet<>(QuarkusTransaction.requiringNew().call(() ->
                    RulesetVersionRecord.<RulesetVersionRecord>list("active", true).stream().map(v -> v.version)
                            .toList()));
            assertThat(flagged).containsExactly(versions.get(2));
        }
    }
}
