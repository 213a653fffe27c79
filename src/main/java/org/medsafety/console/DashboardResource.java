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
import org.medsafety.admin.RulesetStore;
import org.medsafety.admin.RulesetVersionRecord;
import org.medsafety.audit.AuditJournal;
import org.medsafety.audit.AuditReportsResource;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.security.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What pharmacists and auditors look at first: the ruleset being served, alerts and overrides of the last 30 days,
 * the knowledge rows clinicians override most, whether the audit trail is intact and whether records wait in the
 * local journal. The figures come from the same code as {@code GET /audit/stats} and {@code /audit/integrity}, and
 * are recorded as reads like those.
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

    @GET
    public TemplateInstance show() {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.PHARMACIST, Roles.AUDITOR);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        String from = first.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = Instant.now().plusSeconds(1).toString();
        List<DashboardFigures.Day> days = DashboardFigures.days(groups(reports.stats(from, to, "day")), first, today);
        List<DashboardFigures.OverriddenRow> overridden =
                DashboardFigures.mostOverridden(groups(reports.stats(from, to, "knowledge")), 10);
        Map<String, Object> check = reports.integrity(false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) check.get("problems");
        Integrity integrity = new Integrity(Boolean.TRUE.equals(check.get("intact")),
                ((Number) check.get("checked")).longValue(),
                problems.stream().map(p -> p.get("chain") + " " + p.get("id") + ": " + p.get("message")).toList());
        Journal queue = new Journal(journal.state().name().toLowerCase(), journal.backlog(), journal.bytes(),
                journal.maxBytes());
        return Pages.dashboard(user, served(), days, chartData(days), overridden, integrity, queue, DAYS);
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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> groups(Map<String, Object> stats) {
        return (List<Map<String, Object>>) stats.get("groups");
    }

    private String chartData(List<DashboardFigures.Day> days) {
        try {
            return json.writeValueAsString(DashboardFigures.series(days));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart series cannot be written", e);
        }
    }
}
