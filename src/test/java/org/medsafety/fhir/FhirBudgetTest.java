package org.medsafety.fhir;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** One call's reads share one deadline, one request count and one page limit per search. */
class FhirBudgetTest {

    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();

    @Test
    void theDeadlineIsForAllReadsTogether() {
        FhirBudget budget = new FhirBudget(clock, Duration.ofSeconds(3), 16, 5);
        assertThat(budget.deadline()).isEqualTo(clock.now.plusSeconds(3));
        clock.now = clock.now.plusMillis(2999);
        assertThat(budget.expired()).isFalse();
        assertThat(budget.takeRequest()).isTrue();
        assertThat(budget.deadline()).isEqualTo(Instant.parse("2026-01-01T00:00:03Z")); // not moved by the read
        clock.now = clock.now.plusMillis(1);
        assertThat(budget.expired()).isTrue();
        assertThat(budget.takeRequest()).as("no request once the deadline has passed").isFalse();
    }

    @Test
    void requestsRunOutAndStayOut() {
        FhirBudget budget = new FhirBudget(clock, Duration.ofSeconds(3), 3, 5);
        assertThat(budget.takeRequest()).isTrue();
        assertThat(budget.takeRequest()).isTrue();
        assertThat(budget.takeRequest()).isTrue();
        assertThat(budget.takeRequest()).isFalse();
        assertThat(budget.takeRequest()).isFalse();
    }

    @Test
    void pagesAreCountedWithTheFirstIncluded() {
        FhirBudget budget = new FhirBudget(clock, Duration.ofSeconds(3), 16, 5);
        assertThat(budget.mayReadPage(1)).as("second page").isTrue();
        assertThat(budget.mayReadPage(4)).as("fifth page").isTrue();
        assertThat(budget.mayReadPage(5)).as("sixth page").isFalse();
    }

    @Test
    void requestsTakenFromSeveralThreadsNeverExceedTheBudget() throws Exception {
        FhirBudget budget = new FhirBudget(Clock.systemUTC(), Duration.ofSeconds(30), 16, 5);
        java.util.concurrent.atomic.AtomicInteger granted = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 10; j++) {
                    if (budget.takeRequest()) {
                        granted.incrementAndGet();
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(granted).hasValue(16);
    }
}
