package org.medsafety.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Whether a laboratory value (serum creatinine, eGFR) is recent enough to dose by. Renal function changes: a
 * creatinine from last year can silence a renal limit the patient now needs, or raise one they no longer do. A value
 * older than the configured age ({@code medsafety.clinical.lab-max-age}, default 90 days) is not used, and the checks
 * that needed it say it is stale, with its date and age. Judged against the evaluation's own time, as the age is, so a
 * replayed record keeps the judgement it was made with.
 */
public final class LabRecency {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(90);

    private final Duration maxAge;

    public LabRecency(Duration maxAge) {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the largest laboratory age must be a positive duration, not " + maxAge);
        }
        this.maxAge = maxAge;
    }

    public Duration maxAge() {
        return maxAge;
    }

    /**
     * Why a value measured at {@code measuredAt} is too old at {@code now} ("is stale: measured on 2025-01-02, 91 days
     * before this evaluation, over the 90-day limit for laboratory values"), or null when it is recent enough. An
     * undated value, or one dated after {@code now}, cannot be judged old and is used.
     */
    public String staleness(Instant measuredAt, Instant now) {
        if (measuredAt == null || now == null || Duration.between(measuredAt, now).compareTo(maxAge) <= 0) {
            return null;
        }
        long days = Duration.between(measuredAt, now).toDays();
        return "is stale: measured on " + LocalDate.ofInstant(measuredAt, ZoneOffset.UTC) + ", " + days + " days before "
                + "this evaluation, over the " + describe(maxAge) + " limit for laboratory values";
    }

    /** "90-day", or the ISO form for a limit that is not whole days. */
    static String describe(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + "-day" : d.toString();
    }

    /**
     * A FHIR dateTime or instant as an instant: a date alone counts from the start of its day (UTC), a month or year
     * from the start of that month or year (the oldest it can be). Null when it cannot be read.
     */
    public static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() > 10) {
                return OffsetDateTime.parse(text).toInstant();
            }
            LocalDate date = switch (text.length()) {
                case 4 -> LocalDate.of(Integer.parseInt(text), 1, 1);
                case 7 -> LocalDate.parse(text + "-01");
                default -> LocalDate.parse(text);
            };
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
