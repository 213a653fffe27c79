package org.medsafety.admin;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.testing.LogCapture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The activator against races, without a database: a follower that compiled a version while it was rolled back,
 * activations here and "on other instances" at once, versions that cannot be served. Real rulesets (the shipped
 * one, and two that differ by a scenario file), an in-memory activation log, and a compile step the tests can hold.
 */
class RulesetActivatorTest {

    static RulesetFiles v0;
    static RulesetFiles v1;
    static RulesetFiles v2;
    static final Map<String, PublicationPipeline.Outcome> COMPILED = new ConcurrentHashMap<>();

    @BeforeAll
    static void compileThreeVersions() {
        v0 = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));
        v1 = withScenario(v0, "one");
        v2 = withScenario(v0, "two");
        for (RulesetFiles files : List.of(v0, v1, v2)) {
            PublicationPipeline.Outcome outcome = new PublicationPipeline().compile(files);
            assertThat(outcome.ok()).as("%s", outcome.problems()).isTrue();
            COMPILED.put(files.contentHash(), outcome);
        }
    }

    static RulesetFiles withScenario(RulesetFiles base, String name) {
        Map<String, byte[]> rules = new HashMap<>(base.rules());
        rules.put("common/scenarios/activator-" + name + ".yaml", ("scenarios:\n  - name: " + name + "\n"
                + "    orders: [{drug: Acetaminophen 325 MG Oral Tablet, dose: 1 tablet, frequency: 2/d}]\n"
                + "    expect: []\n").getBytes(StandardCharsets.UTF_8));
        return new RulesetFiles(rules, base.knowledge());
    }

    static Ruleset ruleset(RulesetFiles files) {
        return COMPILED.get(files.contentHash()).ruleset();
    }

    /** The database's activation log, in memory: appends are atomic and numbered in order, as RulesetStore's. */
    static class MemoryLog implements ActivationLog {
        final List<Activation> activations = new ArrayList<>();
        final Map<String, RulesetFiles> stored = new ConcurrentHashMap<>();
        final AtomicInteger loads = new AtomicInteger();

        MemoryLog(RulesetFiles... versions) {
            for (RulesetFiles files : versions) {
                stored.put(files.contentHash(), files);
            }
        }

        @Override
        public synchronized Activation latest() {
            return activations.isEmpty() ? null : activations.get(activations.size() - 1);
        }

        @Override
        public synchronized Activation append(String version, String actor, String reason, Precondition precondition) {
            if (!precondition.holdsFor(latest())) {
                throw new Conflict(precondition, latest());
            }
            Activation a = new Activation(activations.size() + 1, version);
            activations.add(a);
            return a;
        }

        /** Another instance activates: the log changes, this instance's activator is not involved. */
        Activation elsewhere(RulesetFiles files) {
            return append(files.contentHash(), "elsewhere", "test", Precondition.ANY);
        }

        synchronized String versionOf(long id) {
            return activations.get((int) id - 1).version();
        }

        @Override
        public RulesetFiles load(String version) {
            loads.incrementAndGet();
            return stored.get(version);
        }
    }

    /** Compiles from the cache; a compile of {@code held} waits (after saying so) until the test lets it finish. */
    static final class HeldCompile implements Function<RulesetFiles, PublicationPipeline.Outcome> {
        volatile String held;
        final CountDownLatch compiling = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public PublicationPipeline.Outcome apply(RulesetFiles files) {
            if (files.contentHash().equals(held)) {
                compiling.countDown();
                try {
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            PublicationPipeline.Outcome outcome = COMPILED.get(files.contentHash());
            return outcome != null ? outcome : new PublicationPipeline().compile(files);
        }
    }

    @Test
    void aFollowerThatCompiledAVersionWhileItWasRolledBackHereDoesNotServeIt() throws Exception {
        MemoryLog log = new MemoryLog(v0, v1);
        HeldCompile compile = new HeldCompile();
        ActiveRuleset active = new ActiveRuleset();
        RulesetActivator activator = new RulesetActivator(log, active, compile);
        log.elsewhere(v0);
        assertThat(activator.serveActive()).isTrue();

        // Another instance publishes v1; this instance's follower starts compiling it ...
        log.elsewhere(v1);
        compile.held = v1.contentHash();
        ExecutorService follower = Executors.newSingleThreadExecutor();
        Future<?> following = follower.submit(activator::follow);
        assertThat(compile.compiling.await(30, TimeUnit.SECONDS)).isTrue();
        // ... and meanwhile a pharmacist rolls back to v0 through this instance; the rollback returns.
        ActivationLog.Activation rollback = activator.activate(ruleset(v0), "pharmacist", "rollback",
                ActivationLog.Precondition.ANY);
        assertThat(active.served().activationId()).isEqualTo(rollback.id());

        compile.release.countDown();
        following.get(30, TimeUnit.SECONDS);
        follower.shutdown();

        assertThat(active.current().version()).isEqualTo(v0.contentHash());
        assertThat(active.served().activationId()).isEqualTo(rollback.id());
    }

    @Test
    void aFollowerThatCompiledAVersionWhileAnotherInstanceRolledItBackDoesNotServeIt() throws Exception {
        MemoryLog log = new MemoryLog(v0, v1);
        HeldCompile compile = new HeldCompile();
        ActiveRuleset active = new ActiveRuleset();
        RulesetActivator activator = new RulesetActivator(log, active, compile);
        log.elsewhere(v0);
        activator.serveActive();

        log.elsewhere(v1);
        compile.held = v1.contentHash();
        ExecutorService follower = Executors.newSingleThreadExecutor();
        Future<?> following = follower.submit(activator::follow);
        assertThat(compile.compiling.await(30, TimeUnit.SECONDS)).isTrue();
        ActivationLog.Activation rollback = log.elsewhere(v0);
        compile.release.countDown();
        following.get(30, TimeUnit.SECONDS);
        follower.shutdown();
        assertThat(active.current().version()).as("v1 was rolled back before the compile ended")
                .isEqualTo(v0.contentHash());

        // The next poll takes the rollback's activation; same version, so nothing is compiled.
        int loads = log.loads.get();
        activator.follow();
        assertThat(active.served().activationId()).isEqualTo(rollback.id());
        assertThat(active.current().version()).isEqualTo(v0.contentHash());
        assertThat(log.loads.get()).isEqualTo(loads);
    }

    @Test
    void theServedActivationNeverGoesBack() {
        ActiveRuleset active = new ActiveRuleset();
        ActiveRuleset.Served first = new ActiveRuleset.Served(ruleset(v1), 5);
        assertThat(active.advance(null, first)).isTrue();
        assertThat(active.advance(first, new ActiveRuleset.Served(ruleset(v0), 4))).isFalse();
        assertThat(active.advance(first, new ActiveRuleset.Served(ruleset(v0), 5))).isFalse();
        ActiveRuleset.Served newer = new ActiveRuleset.Served(ruleset(v0), 6);
        assertThat(active.advance(null, newer)).as("not what is served").isFalse();
        assertThat(active.advance(first, newer)).isTrue();
        assertThat(active.served()).isEqualTo(newer);
    }

    @Test
    void aVersionWhoseFilesAreMissingIsReportedOnceAndSkippedUntilANewerActivation() {
        MemoryLog log = new MemoryLog(v0, v1);
        ActiveRuleset active = new ActiveRuleset();
        RulesetActivator activator = new RulesetActivator(log, active, new HeldCompile());
        log.elsewhere(v0);
        activator.serveActive();
        ActivationLog.Activation missing = log.append("f".repeat(64), "elsewhere", "files lost", ActivationLog.Precondition.ANY);
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                activator.follow();
            }
            assertThat(logs.lines().stream().filter(l -> l.contains("cannot be served here"))).hasSize(1);
            assertThat(logs.lines()).noneMatch(l -> l.contains("NullPointerException"));
        }
        assertThat(log.loads.get()).as("loaded once, not every poll").isEqualTo(2);
        assertThat(activator.failedActivation()).isEqualTo(missing);
        assertThat(active.current().version()).isEqualTo(v0.contentHash());

        ActivationLog.Activation next = log.elsewhere(v1);
        activator.follow();
        assertThat(active.served().activationId()).isEqualTo(next.id());
        assertThat(activator.failedActivation()).isNull();
    }

    @Test
    void aDatabaseOutageIsLoggedOnceAndTheFollowerResumesAfterIt() {
        AtomicBoolean down = new AtomicBoolean();
        MemoryLog log = new MemoryLog(v0, v1) {
            @Override
            public synchronized Activation latest() {
                if (down.get()) {
                    throw new IllegalStateException("connection refused");
                }
                return super.latest();
            }
        };
        ActiveRuleset active = new ActiveRuleset();
        RulesetActivator activator = new RulesetActivator(log, active, new HeldCompile());
        log.elsewhere(v0);
        activator.serveActive();
        try (LogCapture logs = new LogCapture()) {
            down.set(true);
            for (int i = 0; i < 5; i++) {
                activator.follow();
            }
            assertThat(logs.lines().stream().filter(l -> l.contains("could not check the database"))).hasSize(1);
            down.set(false);
            ActivationLog.Activation next = log.elsewhere(v1);
            activator.follow();
            assertThat(active.served().activationId()).isEqualTo(next.id());
            assertThat(logs.lines()).anyMatch(l -> l.contains("reaches the database again"));
        }
    }

    @Test
    void storedFilesThatNoLongerHashToTheirVersionAreNotServed() {
        MemoryLog log = new MemoryLog(v0);
        log.stored.put(v1.contentHash(), v2); // the rows of v1 edited in the database
        ActiveRuleset active = new ActiveRuleset();
        RulesetActivator activator = new RulesetActivator(log, active, new HeldCompile());
        log.elsewhere(v0);
        activator.serveActive();
        ActivationLog.Activation altered = log.elsewhere(v1);
        activator.follow();
        assertThat(active.current().version()).isEqualTo(v0.contentHash());
        assertThat(activator.failedActivation()).isEqualTo(altered);
    }

    @Test
    void anActivationWhosePreconditionFailsChangesNothing() {
        MemoryLog log = new MemoryLog(v0, v1);
        ActiveRuleset active = new ActiveRuleset();
        RulesetActivator activator = new RulesetActivator(log, active, new HeldCompile());
        log.elsewhere(v0);
        activator.serveActive();
        ActivationLog.Activation before = log.latest();
        assertThatThrownBy(() -> activator.activate(ruleset(v1), "pharmacist", "tuning",
                ActivationLog.Precondition.active(v2.contentHash())))
                .isInstanceOf(ActivationLog.Conflict.class)
                .hasMessageContaining("now " + v0.contentHash()).hasMessageContaining("not " + v2.contentHash());
        assertThatThrownBy(() -> activator.activate(ruleset(v1), "system", "first start",
                ActivationLog.Precondition.NONE)).isInstanceOf(ActivationLog.Conflict.class);
        assertThat(log.latest()).isEqualTo(before);
        assertThat(active.current().version()).isEqualTo(v0.contentHash());
    }

    @Test
    void activationsHereAndElsewhereWithAFollowerEndOnTheNewestAndNeverStepBack() throws Exception {
        MemoryLog log = new MemoryLog(v0, v1, v2);
        List<RulesetFiles> versions = List.of(v0, v1, v2);
        // A compile that takes a random moment, so that the follower's compile overlaps activations.
        Function<RulesetFiles, PublicationPipeline.Outcome> slowCompile = files -> {
            sleep(ThreadLocalRandom.current().nextInt(0, 15));
            return COMPILED.get(files.contentHash());
        };
        ActiveRuleset active = new ActiveRuleset();
        RulesetActivator activator = new RulesetActivator(log, active, slowCompile);
        log.elsewhere(v0);
        activator.serveActive();

        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 2; t++) { // pharmacists on this instance
            work.add(threads.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    RulesetFiles files = versions.get(ThreadLocalRandom.current().nextInt(3));
                    ActivationLog.Activation a = activator.activate(ruleset(files), "pharmacist", "race",
                            ActivationLog.Precondition.ANY);
                    long served = active.served().activationId();
                    if (served < a.id()) {
                        violations.add("activation " + a.id() + " returned but " + served + " is served");
                    }
                    sleep(ThreadLocalRandom.current().nextInt(0, 5));
                }
            }));
        }
        work.add(threads.submit(() -> { // another instance
            for (int i = 0; i < 40; i++) {
                log.elsewhere(versions.get(ThreadLocalRandom.current().nextInt(3)));
                sleep(ThreadLocalRandom.current().nextInt(0, 5));
            }
        }));
        Future<?> follower = threads.submit(() -> {
            while (running.get()) {
                activator.follow();
            }
        });
        Future<?> watcher = threads.submit(() -> { // what requests see: forward only, and the version of its activation
            long last = 0;
            while (running.get()) {
                ActiveRuleset.Served s = active.served();
                if (s.activationId() < last) {
                    violations.add("went back from activation " + last + " to " + s.activationId());
                }
                if (!s.ruleset().version().equals(log.versionOf(s.activationId()))) {
                    violations.add("activation " + s.activationId() + " served with the wrong version");
                }
                last = s.activationId();
            }
        });
        for (Future<?> f : work) {
            f.get(120, TimeUnit.SECONDS);
        }
        running.set(false);
        follower.get(30, TimeUnit.SECONDS);
        watcher.get(30, TimeUnit.SECONDS);
        threads.shutdown();
        activator.follow();

        assertThat(violations).isEmpty();
        assertThat(active.served().activationId()).isEqualTo(log.latest().id());
        assertThat(active.current().version()).isEqualTo(log.latest().version());
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
