package org.medsafety.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.medsafety.admin.ReplayReport;
import org.medsafety.admin.ActivationLog;
import org.medsafety.admin.Replay;
import org.medsafety.admin.RulesetArchive;
import org.medsafety.admin.RulesetPublisher;
import org.medsafety.admin.RulesetStore;
import org.medsafety.admin.RulesetVersionRecord;
import org.medsafety.admin.TuningResource;
import org.medsafety.errors.ServiceException;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.engine.RulesetProblem;
import org.medsafety.security.Roles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pharmacist's publication desk: check a candidate (an uploaded zip or the configured folders) — validation
 * problems with file and line, scenario results and the what-if replay of recent evaluations — then publish exactly
 * that candidate with a reason; the version history with rollback. The work is the admin API's own
 * (RulesetPublisher, Replay), so every step lands in the admin record as it does through the API.
 */
@Path("/console/publish")
@Produces(MediaType.TEXT_HTML)
@Authenticated
@Blocking
public class PublishResource {

    /** Evaluations the what-if report replays: the most recent ones. */
    static final int REPLAY_LIMIT = 500;

    @Inject
    SecurityIdentity identity;

    @Inject
    RulesetPublisher publisher;

    @Inject
    RulesetStore store;

    @Inject
    ActiveRuleset active;

    @Inject
    Replay replay;

    @Inject
    CandidateStash stash;

    @Inject
    TuningResource tuning;

    @TemplateData
    public record Version(String version, String label, String author, String publishedAt, String reason,
                          boolean active, int rules) {
        public String shortVersion() {
            return version.length() > 12 ? version.substring(0, 12) : version;
        }
    }

    @TemplateData
    public record Tuning(String target, String change, String reason, String by) {
    }

    @TemplateData
    public record Problem(String file, int line, String message) {
    }

    @TemplateData
    public record RuleChange(String rule, int appear, int disappear, int changeSeverity, List<Example> examples) {
    }

    @TemplateData
    public record Example(Object evaluationId, String change, String before, String after) {
    }

    /** The outcome of a check, and what the what-if replay found when the candidate is valid. */
    @TemplateData
    public record Check(String source, String version, String status, List<Problem> problems, int scenariosRun,
                        int scenariosFailed, Object replayed, Object changed, List<RuleChange> changes,
                        String candidate) {
        public boolean valid() {
            return "valid".equals(status);
        }
    }

    @GET
    public Response desk() {
        ConsoleUser user = pharmacist();
        return page(user, null, null, 200);
    }

    @POST
    @Path("check")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response checkUpload(@RestForm("candidate") FileUpload upload) {
        ConsoleUser user = pharmacist();
        if (upload == null || upload.size() == 0) {
            return page(user, null, "Choose a zip file to check.", 400);
        }
        RulesetFiles files;
        try {
            files = RulesetArchive.read(Files.readAllBytes(upload.uploadedFile()));
        } catch (RulesetArchive.Invalid e) {
            return page(user, null, e.getMessage(), 400);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return check(user, files, "uploaded " + upload.fileName());
    }

    @POST
    @Path("check-folders")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response checkFolders() {
        ConsoleUser user = pharmacist();
        return check(user, publisher.configuredFiles(), "configured folders");
    }

    /** Publishes the candidate that was checked, if the version the check ran against is still the active one. */
    @POST
    @Path("publish")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response publish(@RestForm String candidate, @RestForm String reason, @RestForm String label) {
        ConsoleUser user = pharmacist();
        if (reason == null || reason.isBlank()) {
            return page(user, null, "Give the reason for this publication: it goes into the admin record.", 400);
        }
        var held = stash.get(candidate, user.name(), Instant.now());
        if (held.isEmpty()) {
            return page(user, null,
                    "That candidate is no longer held (30 minutes, this instance only): check it again.", 409);
        }
        CandidateStash.Candidate c = held.get();
        String action = c.source().equals("configured folders") ? "reload" : "publish";
        try {
            RulesetPublisher.Report report = publisher.publish(c.files(), blankToNull(label) == null
                            ? c.source() + " via the console" : label.strip(), user.name(), reason.strip(), action,
                    ActivationLog.Precondition.active(c.checkedAgainst()));
            stash.remove(candidate);
            if (!"active".equals(report.status())) {
                return page(user, null, "Refused: " + report.outcome().problems(), 422);
            }
        } catch (ServiceException e) {
            return page(user, null, e.getMessage(), e.status());
        }
        return Response.seeOther(URI.create("/console/publish?published=true")).build();
    }

    /** Activates a stored version again: a rollback (or roll forward), with a reason. */
    @POST
    @Path("activate")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response activate(@RestForm String version, @RestForm String reason) {
        ConsoleUser user = pharmacist();
        if (reason == null || reason.isBlank()) {
            return page(user, null, "Give the reason for activating " + version + ": it goes into the admin record.",
                    400);
        }
        try {
            RulesetPublisher.Report report = publisher.activate(version, user.name(), reason.strip(),
                    ActivationLog.Precondition.ANY);
            if (report == null) {
                return page(user, null, "No stored version " + version + ".", 404);
            }
            if (!"active".equals(report.status())) {
                return page(user, null, "Refused: " + report.outcome().problems(), 422);
            }
        } catch (ServiceException e) {
            return page(user, null, e.getMessage(), e.status());
        }
        return Response.seeOther(URI.create("/console/publish?activated=true")).build();
    }

    /**
     * A local tuning (switch a row or rule off, or lower its severity) with its reason, made on the version the page
     * showed: the tuning API's own code, which publishes the tuned version.
     */
    @POST
    @Path("tune")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response tune(@RestForm String target, @RestForm String action, @RestForm String severity,
                         @RestForm String reason, @RestForm String baseVersion) {
        ConsoleUser user = pharmacist();
        return tuned(user, () -> tuning.tune(new TuningResource.Change(blankToNull(target), blankToNull(action),
                blankToNull(severity), blankToNull(reason), blankToNull(baseVersion)), null));
    }

    @POST
    @Path("untune")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response untune(@RestForm String target, @RestForm String reason, @RestForm String baseVersion) {
        ConsoleUser user = pharmacist();
        return tuned(user, () -> tuning.undo(target, blankToNull(reason), blankToNull(baseVersion), null));
    }

    private Response tuned(ConsoleUser user, java.util.function.Supplier<Response> change) {
        try {
            Response answer = change.get();
            if (answer.getStatus() != 200) {
                return page(user, null, "Refused: " + answer.getEntity(), answer.getStatus());
            }
        } catch (ServiceException e) {
            return page(user, null, e.getMessage(), e.status());
        }
        return Response.seeOther(URI.create("/console/publish?tuned=true")).build();
    }

    private Response check(ConsoleUser user, RulesetFiles files, String source) {
        String activeNow = activeVersion();
        RulesetPublisher.Report report = publisher.validate(files, user.name(), source);
        List<Problem> problems = report.outcome().problems().stream()
                .map((RulesetProblem p) -> new Problem(p.file(), p.line(), p.message())).toList();
        Object replayed = null;
        Object changed = null;
        List<RuleChange> changes = List.of();
        String key = null;
        if (report.outcome().ok()) {
            ReplayReport whatIf = replay.run("candidate", files, null, null, REPLAY_LIMIT, user.name());
            replayed = whatIf.evaluations();
            changed = whatIf.evaluationsChanged();
            changes = changes(whatIf);
            key = stash.put(new CandidateStash.Candidate(user.name(), files, source, activeNow, Instant.now()));
        }
        Check check = new Check(source, report.version(), report.status(), problems,
                report.outcome().scenariosRun(), report.outcome().scenariosFailed(), replayed, changed, changes, key);
        return page(user, check, null, report.outcome().ok() ? 200 : 422);
    }

    private static List<RuleChange> changes(ReplayReport whatIf) {
        List<RuleChange> out = new ArrayList<>();
        for (ReplayReport.RuleChanges r : whatIf.rules()) {
            List<Example> examples = r.examples().stream()
                    .map(e -> new Example(e.evaluationId(), e.change(), e.before(), e.after())).toList();
            out.add(new RuleChange(r.rule(), r.appear(), r.disappear(), r.changeSeverity(), examples));
        }
        return out;
    }

    private Response page(ConsoleUser user, Check check, String problem, int status) {
        String serving = activeVersion();
        List<Version> history = store.history().stream().map(v -> version(v, serving)).toList();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.publish(user, serving, history, check, problem, tunings()).render()).build();
    }

    private List<Tuning> tunings() {
        ActiveRuleset.Served served = active.servedOrNull();
        if (served == null) {
            return List.of();
        }
        return served.ruleset().knowledge().tuning().entries().values().stream()
                .map(e -> new Tuning(e.target(), e.disable() ? "switched off"
                        : "severity " + (e.severity() == null ? "?" : e.severity().label()), e.reason(),
                        e.author() + (e.date() == null ? "" : ", " + e.date())))
                .toList();
    }

    private String activeVersion() {
        ActiveRuleset.Served served = active.servedOrNull();
        return served == null ? null : served.ruleset().version();
    }

    private static Version version(RulesetVersionRecord v, String serving) {
        return new Version(v.version, v.label, v.author, v.publishedAt.toString(), v.reason,
                v.version.equals(serving), v.ruleCount);
    }

    private ConsoleUser pharmacist() {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.PHARMACIST);
        return user;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
