package org.medsafety.console;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.medsafety.admin.AuditPurgeResource;
import org.medsafety.admin.PurgeReport;
import org.medsafety.audit.RetentionPurge;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.errors.ServiceException;
import org.medsafety.security.Roles;

import java.time.Instant;
import java.util.List;

/**
 * The records officer's retention page. The API has no dry run of the purge, so the page shows what decides it —
 * the retention setting, the cutoff a purge would use now (never under six years) and the oldest evaluation in the
 * trail — and runs the purge itself through {@code POST /admin/audit/purge}'s own code: exported first, then
 * deleted, and recorded in the admin record with the reason, exactly as through the API.
 */
@Path("/console/purge")
@Produces(MediaType.TEXT_HTML)
@Authenticated
@Blocking
public class PurgeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    MedsafetyConfig config;

    @Inject
    RetentionPurge retention;

    @Inject
    AuditPurgeResource purge;

    @Inject
    EntityManager em;

    /**
     * What decides a purge now; the first evaluation of the trail (the chain's order, which a purge follows) by its
     * number and time only, no patient data.
     */
    @TemplateData
    public record Retention(long days, int floorYears, String cutoff, Long oldestId, String oldestTime, boolean due) {
    }

    @GET
    public Response show() {
        ConsoleUser user = recordsOfficer();
        return page(user, null, null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response run(@RestForm("reason") String reason) {
        ConsoleUser user = recordsOfficer();
        try {
            return page(user, purge.purge(reason == null ? null : reason.strip()), null, 200);
        } catch (ServiceException e) {
            return page(user, null, e.getMessage(), e.status());
        }
    }

    private ConsoleUser recordsOfficer() {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.RECORDS_OFFICER);
        return user;
    }

    private Response page(ConsoleUser user, PurgeReport outcome, String problem, int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.purge(user, retention(), outcome, problem).render()).build();
    }

    private Retention retention() {
        Instant cutoff = retention.cutoff(Instant.now());
        List<Object[]> first = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select e.id, e.evaluatedAt from EvaluationRecord e order by e.id", Object[].class)
                .setMaxResults(1).getResultList());
        Long id = first.isEmpty() ? null : (Long) first.get(0)[0];
        Instant time = first.isEmpty() ? null : (Instant) first.get(0)[1];
        return new Retention(config.audit().retention().toDays(), RetentionPurge.FLOOR_YEARS, cutoff.toString(), id,
                time == null ? null : time.toString(), time != null && time.isBefore(cutoff));
    }
}
