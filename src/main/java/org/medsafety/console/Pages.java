package org.medsafety.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The console's pages (templates/console/*.html), each with the data it shows. */
@CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
final class Pages {

    private Pages() {
    }

    static native TemplateInstance login(ConsoleUser user, boolean failed, String refusal, boolean identityProvider);

    static native TemplateInstance forbidden(ConsoleUser user, String neededRole);

    static native TemplateInstance logout(ConsoleUser user);

    static native TemplateInstance dashboard(ConsoleUser user, DashboardResource.Served served,
                                             List<DashboardFigures.Day> days, String chartData,
                                             List<DashboardFigures.OverriddenRow> overridden,
                                             DashboardResource.Integrity integrity, DashboardResource.Journal journal,
                                             int window, String computedAt, long keptSeconds);

    static native TemplateInstance audit(ConsoleUser user, AuditSearch filters, List<AuditPagesResource.Row> rows,
                                         String nextPage, String problem);

    static native TemplateInstance evaluation(ConsoleUser user, AuditPagesResource.Row row,
                                              AuditPagesResource.Details details, SnapshotSummary snapshot,
                                              List<CardView> cards, List<String> withoutKnowledge);

    static native TemplateInstance integrity(ConsoleUser user, IntegrityView report);

    static native TemplateInstance publish(ConsoleUser user, String activeVersion,
                                           List<PublishResource.Version> history, PublishResource.Check check,
                                           String problem, List<PublishResource.Tuning> tunings);

    static native TemplateInstance tryIt(ConsoleUser user, List<SampleRequests.Sample> samples, String sample,
                                         String request, String problem, List<CardView> cards);

    static native TemplateInstance knowledge(ConsoleUser user, String version, List<KnowledgeResource.Table> tables,
                                             String table, String title, String query, KnowledgeRows.Page rows,
                                             String pageLink);

    static native TemplateInstance rules(ConsoleUser user, String version,
                                         List<KnowledgeResource.RulePackage> packages);

    static native TemplateInstance purge(ConsoleUser user, PurgeResource.Retention retention,
                                         org.medsafety.admin.PurgeReport outcome, String problem);

    static native TemplateInstance notFound(ConsoleUser user, String message);
}
