package org.medsafety.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.medsafety.audit.AlertGroup;
import org.medsafety.audit.AlertStatisticsReport;
import org.medsafety.audit.IntegrityReport;
import org.medsafety.admin.RulesetStore;
import org.medsafety.admin.RulesetVersionRecord;
import org.medsafety.audit.AuditJournal;
import org.medsafety.audit.AuditReads;
import org.medsafety.audit.AuditReportsResource;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.security.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What pharmacists and auditors look at first: the ruleset being served, alerts and overrides of the last 30 days,
 * the knowledge rows clinicians override most, whether the audit trail is intact and whether records wait in the
 * local journal. The figures come from the same code as {@code GET /audit/stats} and {@code /audit/integrity}, and
 * are recorded as reads like those; they are computed at most once per {@code medsafety.console.dashboard-cache-time}
 * ({@link DashboardCache}), and every reader's view of them is recorded.
 */
@Path("/console/dashboard")
@Produces(MediaType.TEXT_HTML)
@Authenticated
@Blocking
public class DashboardResource {

    static final int DAYS = 30;

    @Inject
    SecurityIdentity identity;

    @Inject
    ActiveRuleset active;

    @Inject
    RulesetStore store;

    @Inject
    AuditReportsResource reports;

    @Inject
    AuditJournal journal;

    @Inject
    ObjectMapper json;

    @Inject
    DashboardCache cache;

    @Inject
    AuditReads reads;

    @TemplateData
    record Served(String version, String label, String author, String publishedAt, String reason, int rules) {
    }

    @TemplateData
    record Journal(String state, long backlog, long bytes, long maxBytes) {
        public String size() {
            return readable(bytes) + " of " + readable(maxBytes);
        }

        static String readable(long bytes) {
            String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
            double value = bytes;
            int unit = 0;
            while (value >= 1024 && unit < units.length - 1) {
                value /= 1024;
                unit++;
            }
            return unit == 0 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
        }
    }

    @TemplateData
    record Integrity(boolean intact, long checked, List<String> problems) {
    }

    /** What the dashboard computes from the audit trail, kept by {@link DashboardCache}. */
    record Figures(List<DashboardFigures.Day> days, String chartData, List<DashboardFigures.OverriddenRow> overridden,
                   Integrity integrity, AlertStatisticsReport byDay, AlertStatisticsReport byKnowledge) {
    }

    @GET
    public TemplateInstance show() {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.PHARMACIST, Roles.AUDITOR);
        DashboardCache.Entry<Figures> figures = cache.get(this::figures);
        if (!figures.computedNow()) {
            // Figures computed for someone else: this reader's view of them is recorded as theirs was.
            recordRead(user, figures.figures().byDay(), figures.computedAt());
            recordRead(user, figures.figures().byKnowledge(), figures.computedAt());
        }
        Journal queue = new Journal(journal.state().name().toLowerCase(), journal.backlog(), journal.bytes(),
                journal.maxBytes());
        Figures f = figures.figures();
        return Pages.dashboard(user, served(), f.days(), f.chartData(), f.overridden(), f.integrity(), queue, DAYS,
                figures.computedAt().truncatedTo(ChronoUnit.SECONDS).toString(), cache.keep().toSeconds());
    }

    private Figures figures() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        String from = first.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = Instant.now().plusSeconds(1).toString();
        AlertStatisticsReport byDay = reports.stats(from, to, "day");
        AlertStatisticsReport byKnowledge = reports.stats(from, to, "knowledge");
        List<DashboardFigures.Day> days = DashboardFigures.days(groups(byDay), first, today);
        List<DashboardFigures.OverriddenRow> overridden = DashboardFigures.mostOverridden(groups(byKnowledge), 10);
        IntegrityReport check = reports.integrity(false);
        Integrity integrity = new Integrity(check.intact(), check.checked(),
                check.problems().stream().map(p -> p.chain() + " " + p.id() + ": " + p.message()).toList());
        return new Figures(days, chartData(days), overridden, integrity, byDay, byKnowledge);
    }

    private void recordRead(ConsoleUser user, AlertStatisticsReport stats, Instant computedAt) {
        reads.record(user.name(), "stats", null, "groupBy=" + stats.groupBy() + " {from=" + stats.from() + ", to="
                + stats.to() + "} (dashboard figures computed at " + computedAt + ")",
                (int) Math.min(Integer.MAX_VALUE, stats.alerts()));
    }

    private Served served() {
        ActiveRuleset.Served served = active.servedOrNull();
        if (served == null) {
            return null;
        }
        String version = served.ruleset().version();
        RulesetVersionRecord stored = store.version(version);
        return stored == null
                ? new Served(version, null, null, null, null, served.ruleset().rules().size())
                : new Served(version, stored.label, stored.author, stored.publishedAt.toString(), stored.reason,
                stored.ruleCount);
    }

    private static List<AlertGroup> groups(AlertStatisticsReport stats) {
        return stats.groups();
    }

    private String chartData(List<DashboardFigures.Day> days) {
        try {
            return json.writeValueAsString(DashboardFigures.series(days));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart series cannot be written", e);
        }
    }
}
