package org.medsafety.admin;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.medsafety.cdshooks.InvalidRequestException;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.knowledge.KnowledgeLoader;
import org.medsafety.knowledge.LocalTuning;
import org.medsafety.security.Roles;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local tuning with a paper trail: a pharmacist disables a rule or a knowledge row, or lowers a row's severity, for
 * this site, with a mandatory reason. Each change is a new ruleset version (knowledge-base/local-tuning.csv changes),
 * published through the same checks, recorded with its author, and named on the affected cards.
 */
@Path("/admin/tuning")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PHARMACIST)
@Blocking
public class TuningResource {

    static final String HEADER = "target,action,severity,reason,author,date,source";

    @Inject
    RulesetPublisher publisher;

    @Inject
    RulesetStore store;

    @Inject
    ActiveRuleset active;

    @Inject
    SecurityIdentity identity;

    /** A tuning request. */
    public record Change(String target, String action, String severity, String reason) {
    }

    @GET
    public List<LocalTuning.Entry> current() {
        return List.copyOf(active.current().knowledge().tuning().entries().values());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response tune(Change change) {
        if (change == null || blank(change.target()) || blank(change.action())) {
            throw InvalidRequestException.badRequest("target and action (disable or lower) are required");
        }
        if (blank(change.reason())) {
            throw InvalidRequestException.badRequest("a reason is required for every local tuning");
        }
        if ("lower".equals(change.action()) && blank(change.severity())) {
            throw InvalidRequestException.badRequest("lowering needs the new severity (moderate or minor, …)");
        }
        Map<String, String[]> rows = rows();
        String actor = identity.getPrincipal().getName();
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        rows.put(change.target(), new String[] {change.target(), change.action(),
                change.severity() == null ? "" : change.severity(), change.reason(), actor, date,
                "Local decision by " + actor + " on " + date});
        return publish(rows, change.action() + " " + change.target(), change.reason(), actor);
    }

    @DELETE
    @Path("{target}")
    public Response undo(@PathParam("target") String target, @QueryParam("reason") String reason) {
        if (blank(reason)) {
            throw InvalidRequestException.badRequest("a reason is required to undo a local tuning");
        }
        Map<String, String[]> rows = rows();
        if (rows.remove(target) == null) {
            throw new InvalidRequestException(404, "not-found", "no local tuning for " + target);
        }
        return publish(rows, "undo tuning of " + target, reason, identity.getPrincipal().getName());
    }

    /** The active version's tuning rows, by target. */
    private Map<String, String[]> rows() {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (LocalTuning.Entry e : active.current().knowledge().tuning().entries().values()) {
            rows.put(e.target(), new String[] {e.target(), e.disable() ? "disable" : "lower",
                    e.severity() == null ? "" : e.severity().label(), e.reason(), e.author(),
                    e.date() == null ? "" : e.date(), "Local decision by " + e.author()
                    + (e.date() == null ? "" : " on " + e.date())});
        }
        return rows;
    }

    private Response publish(Map<String, String[]> rows, String label, String reason, String actor) {
        RulesetFiles current = store.load(active.current().version());
        if (current == null) {
            throw new InvalidRequestException(409, "conflict", "the active ruleset is not stored; reload it first");
        }
        Map<String, byte[]> knowledge = new HashMap<>(current.knowledge());
        if (rows.isEmpty()) {
            knowledge.remove(KnowledgeLoader.LOCAL_TUNING);
        } else {
            StringBuilder csv = new StringBuilder("# Local tuning: this site's departures from the shipped knowledge. "
                    + "Edit through /admin/tuning.\n").append(HEADER).append('\n');
            rows.values().forEach(r -> csv.append(csvLine(r)).append('\n'));
            knowledge.put(KnowledgeLoader.LOCAL_TUNING, csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        return AdminResource.answer(publisher.publish(new RulesetFiles(current.rules(), knowledge),
                "local tuning: " + label, actor, reason, "tune"));
    }

    static String csvLine(String[] fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(fields[i].replace("\"", "\"\"").replace('\n', ' ')).append('"');
        }
        return sb.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
