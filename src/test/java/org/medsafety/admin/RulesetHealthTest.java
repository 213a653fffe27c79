package org.medsafety.admin;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medsafety.engine.ActiveRuleset;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readiness check "ruleset" and the follower lag, without a database: the activator on an in-memory activation
 * log (as in {@link RulesetActivatorTest}), another instance activating, a version this one cannot serve, and a
 * clock the test moves.
 */
class RulesetHealthTest {

    @BeforeAll
    static void compile() {
        RulesetActivatorTest.compileThreeVersions();
    }

    private final RulesetActivatorTest.MemoryLog log =
            new RulesetActivatorTest.MemoryLog(RulesetActivatorTest.v0, RulesetActivatorTest.v1);
    private final ActiveRuleset active = new ActiveRuleset();
    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));
    private final RulesetActivator activator = new RulesetActivator(log, active,
            files -> RulesetActivatorTest.COMPILED.get(files.contentHash()));

    {
        activator.clock(nanos::get);
    }

    private HealthCheckResponse check() {
        return RulesetReadiness.check(active.servedOrNull(), activator.failedActivation());
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    private void later(int seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void downUntilARulesetIsCompiledThenUpWithWhatItServes() {
        HealthCheckResponse before = check();
        assertThat(before.getName()).isEqualTo("ruleset");
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        log.elsewhere(RulesetActivatorTest.v0);
        assertThat(activator.serveActive()).isTrue();
        HealthCheckResponse after = check();
        assertThat(after.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(after)).containsEntry("version", RulesetActivatorTest.v0.contentHash())
                .containsEntry("activation", 1L)
                .containsEntry("compiledAt", active.current().compiledAt().toString())
                .doesNotContainKey("notServedActivation");
    }

    @Test
    void theLagGrowsWhileAnActivationCannotBeServedHereAndIsZeroOnceCurrent() {
        log.elsewhere(RulesetActivatorTest.v0);
        activator.serveActive();
        activator.follow();
        assertThat(activator.lagSeconds()).isZero();

        log.append("f".repeat(64), "elsewhere", "a version whose files this instance cannot load",
                ActivationLog.Precondition.ANY);
        activator.follow();
        later(7);
        activator.follow(); // still cannot serve it: still behind, since the first poll that saw it
        assertThat(activator.lagSeconds()).isEqualTo(7.0);
        HealthCheckResponse behind = check();
        assertThat(behind.getStatus()).as("it still screens, on the version it serves")
                .isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(behind)).containsEntry("version", RulesetActivatorTest.v0.contentHash())
                .containsEntry("notServedActivation", 2L).containsEntry("notServedVersion", "f".repeat(64));

        log.elsewhere(RulesetActivatorTest.v1);
        later(2);
        activator.follow();
        assertThat(active.current().version()).isEqualTo(RulesetActivatorTest.v1.contentHash());
        assertThat(activator.lagSeconds()).isZero();
        assertThat(data(check())).containsEntry("activation", 3L).doesNotContainKey("notServedActivation");
    }

    @Test
    void aNewerActivationOfTheVersionServedLeavesNoLag() {
        log.elsewhere(RulesetActivatorTest.v0);
        activator.serveActive();
        log.elsewhere(RulesetActivatorTest.v0);
        activator.follow();
        later(30);
        assertThat(activator.lagSeconds()).isZero();
        assertThat(data(check())).containsEntry("activation", 2L);
    }
}
