package org.medsafety.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.medsafety.admin.PublicationReport;
import org.medsafety.errors.OperationOutcome;

/**
 * The service's OpenAPI description (served at /q/openapi, shown at /q/swagger-ui): tags, the two kinds of
 * credentials, and the error answers operations refer to by name. Every error is an OperationOutcome whose stable
 * code (docs/errors.md) is in {@code issue[0].details.coding}. Examples come from docs/examples
 * ({@link ApiExamples}).
 */
@OpenAPIDefinition(
        info = @Info(title = "MedSafety CDS", version = "1",
                description = "Medication-safety checks for EHRs through CDS Hooks 2.0, the audit trail behind every "
                        + "answer, and the ruleset administration. Errors are FHIR OperationOutcomes with a stable "
                        + "code (MS-nnnn) listed in docs/errors.md.",
                license = @License(name = "See the repository")),
        tags = {
                @Tag(name = "CDS Hooks", description = "Discovery, service calls and feedback, for EHRs"),
                @Tag(name = "Audit", description = "The audit trail: search, export, integrity, checkpoints, statistics"),
                @Tag(name = "Rulesets", description = "Validate, publish, roll back and replay rulesets (pharmacists)"),
                @Tag(name = "Tuning", description = "Local tuning of rules and knowledge rows (pharmacists)"),
                @Tag(name = "Records", description = "The admin record and the retention purge")},
        components = @Components(responses = {
                // Every publication (reload, upload, activation, tuning) answers its checks' report.
                @APIResponse(name = "PublicationDone", responseCode = "200", description = "Done: the report of the "
                        + "checks", content = @Content(mediaType = "application/json",
                        schema = @Schema(implementation = PublicationReport.class))),
                @APIResponse(name = "PublicationRefused", responseCode = "422", description = "Refused by its "
                        + "checks: the report names each problem with file and line; nothing changed",
                        content = @Content(mediaType = "application/json",
                                schema = @Schema(implementation = PublicationReport.class))),
                @APIResponse(name = "BadRequest", responseCode = "400", description = "Invalid request: MS-1001 "
                        + "content, MS-1002 not usable JSON, MS-1003 over a limit, MS-1004 parameter or header, "
                        + "MS-1005 ruleset archive", content = @Content(mediaType = "application/json",
                        schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "CdsClientNotTrusted", responseCode = "401", description = "MS-1101: the EHR's "
                        + "token was not accepted (only when a clients file is configured); WWW-Authenticate: Bearer",
                        content = @Content(mediaType = "application/json",
                                schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "NotAuthenticated", responseCode = "401", description = "MS-1102: staff "
                        + "credentials missing or refused", content = @Content(mediaType = "application/json",
                        schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "Forbidden", responseCode = "403", description = "MS-1201: the role may not do "
                        + "this; on admin changes also MS-1202 (cross-site) and MS-1203 (no X-Requested-By)",
                        content = @Content(mediaType = "application/json",
                                schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "NotFound", responseCode = "404", description = "MS-1301 service, MS-1302 card, "
                        + "MS-1303 evaluation, MS-1304 ruleset version, MS-1305 tuning not found",
                        content = @Content(mediaType = "application/json",
                                schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "Conflict", responseCode = "409", description = "MS-1501: the ruleset the change "
                        + "was made on is no longer active; MS-1502: the active ruleset is not stored",
                        content = @Content(mediaType = "application/json",
                                schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "PreconditionFailed", responseCode = "412", description = "MS-1601: data the "
                        + "checks need was not prefetched; MS-1602: it could not be read from the FHIR server",
                        content = @Content(mediaType = "application/json",
                                schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "PayloadTooLarge", responseCode = "413", description = "MS-1701: body over the "
                        + "limit", content = @Content(mediaType = "application/json",
                        schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "Unprocessable", responseCode = "422", description = "MS-1801: the ruleset does "
                        + "not compile; MS-1802: retention below the floor", content = @Content(
                        mediaType = "application/json", schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "InternalError", responseCode = "500", description = "MS-1901: an unexpected "
                        + "failure; the request was not evaluated", content = @Content(mediaType = "application/json",
                        schema = @Schema(implementation = OperationOutcome.class))),
                @APIResponse(name = "Unavailable", responseCode = "503", description = "MS-2001: the audit trail "
                        + "cannot take the record (answer withheld); MS-2002: the database is unreachable",
                        content = @Content(mediaType = "application/json",
                                schema = @Schema(implementation = OperationOutcome.class)))}))
@SecurityScheme(securitySchemeName = ApiDefinition.CDS_CLIENT, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "CDS Hooks 2.0 client JWT, signed by a registered EHR (ES384 or RS384), "
        + "aud = the public base URL plus the path called, used once (jti). Required on service calls and feedback "
        + "when a clients file is configured (docs/security.md)")
@SecurityScheme(securitySchemeName = ApiDefinition.STAFF_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "Staff sign-in: an access token from the hospital's identity provider "
        + "(OIDC), roles from the configured roles claim")
@SecurityScheme(securitySchemeName = ApiDefinition.LOCAL_USER, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "Quick start only: the local users pharmacist, auditor and records-officer, accepted on "
        + "loopback without OIDC")
public class ApiDefinition extends Application {

    public static final String CDS_CLIENT = "cdsClient";
    public static final String STAFF_TOKEN = "staffToken";
    public static final String LOCAL_USER = "localUser";
}
