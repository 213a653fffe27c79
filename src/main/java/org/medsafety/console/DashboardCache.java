package org.medsafety.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The dashboard's figures (30 days of statistics and the incremental integrity check) are computed at most once per
 * {@code medsafety.console.dashboard-cache-time} on this instance, whoever asks: the one owner of those figures.
 * Requests that arrive while they are computed wait for that computation rather than start their own. The page says
 * when its figures were computed.
 */
@ApplicationScoped
public class DashboardCache {

    /** Figures and when they were computed. */
    record Entry<T>(T figures, Instant computedAt, boolean computedNow) {
    }

    private final Duration keep;
    private final Supplier<Instant> clock;
    private Object figures;
    private Instant computedAt;

    @Inject
    public DashboardCache(MedsafetyConfig config) {
        this(config.console().dashboardCacheTime(), Instant::now);
    }

    DashboardCache(Duration keep, Supplier<Instant> clock) {
        this.keep = keep;
        this.clock = clock;
    }

    Duration keep() {
        return keep;
    }

    /** The figures computed less than the cache time ago, or computed now by {@code compute}. */
    @SuppressWarnings("unchecked")
    synchronized <T> Entry<T> get(Supplier<T> compute) {
        Instant now = clock.get();
        if (figures != null && now.isBefore(computedAt.plus(keep))) {
            return new Entry<>((T) figures, computedAt, false);
        }
        T fresh = compute.get();
        figures = fresh;
        computedAt = now;
        return new Entry<>(fresh, now, true);
    }
}
