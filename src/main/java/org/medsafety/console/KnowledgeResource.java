package org.medsafety.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.RuleInfo;
import org.medsafety.engine.Ruleset;
import org.medsafety.security.Roles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The served ruleset's knowledge tables (searched and paged on the server) and its Drools packages and rules. */
@Path("/console/knowledge")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class KnowledgeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    ActiveRuleset active;

    @TemplateData
    public record Table(String key, String title) {
    }

    @TemplateData
    public record RulePackage(String name, List<RuleInfo> rules) {
    }

    @GET
    public TemplateInstance browse(@QueryParam("table") @DefaultValue("interactions") String table,
                                   @QueryParam("q") String query, @QueryParam("page") @DefaultValue("1") int page) {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.PHARMACIST, Roles.AUDITOR);
        String key = KnowledgeRows.TABLES.containsKey(table) ? table : "interactions";
        Ruleset ruleset = active.current();
        KnowledgeRows.Page rows = KnowledgeRows.page(KnowledgeRows.of(ruleset.knowledge(), key), query, page);
        List<Table> tables = KnowledgeRows.TABLES.entrySet().stream().map(e -> new Table(e.getKey(), e.getValue()))
                .toList();
        String pageLink = "/console/knowledge?table=" + key + "&q="
                + URLEncoder.encode(query == null ? "" : query, StandardCharsets.UTF_8) + "&page=";
        return Pages.knowledge(user, ruleset.version(), tables, key, KnowledgeRows.TABLES.get(key),
                query == null ? "" : query, rows, pageLink);
    }

    @GET
    @Path("rules")
    public TemplateInstance rules() {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.PHARMACIST, Roles.AUDITOR);
        Ruleset ruleset = active.current();
        Map<String, List<RuleInfo>> byPackage = ruleset.rules().values().stream()
                .collect(Collectors.groupingBy(RuleInfo::packageName, TreeMap::new, Collectors.toList()));
        List<RulePackage> packages = byPackage.entrySet().stream().map(e -> new RulePackage(e.getKey(),
                e.getValue().stream().sorted(Comparator.comparing(RuleInfo::id)).toList())).toList();
        return Pages.rules(user, ruleset.version(), packages);
    }
}
