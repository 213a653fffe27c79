package org.medsafety.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one CDS call may spend on FHIR reads: one deadline for all of them (not per read), a number of requests,
 * and a number of pages per search. A caller can thus never turn one call into an unbounded series of outbound
 * requests, nor hold a worker thread past the deadline.
 */
public final class FhirBudget {

    private final Clock clock;
    private final Instant deadline;
    private final AtomicInteger requestsLeft;
    private final int maxPages;

    public FhirBudget(Clock clock, Duration total, int maxRequests, int maxPages) {
        this.clock = clock;
        this.deadline = clock.instant().plus(total);
        this.requestsLeft = new AtomicInteger(maxRequests);
        this.maxPages = maxPages;
    }

    /** When every read of this call must have ended. */
    public Instant deadline() {
        return deadline;
    }

    public boolean expired() {
        return !clock.instant().isBefore(deadline);
    }

    /** Takes one request from the budget; false when none is left or the deadline has passed. */
    public boolean takeRequest() {
        if (expired()) {
            return false;
        }
        return requestsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** True when a search of which {@code pagesRead} pages (the first included) were read may read another. */
    public boolean mayReadPage(int pagesRead) {
        return pagesRead < maxPages;
    }
}
