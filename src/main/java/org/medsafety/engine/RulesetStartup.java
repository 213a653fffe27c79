package org.medsafety.engine;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Instant;

/**
 * At start, compiles the configured {@code rules/} and {@code knowledge-base/} folders, records the version in the
 * database and makes it active. A ruleset that does not compile stops the start: serving without rules is worse
 * than not serving.
 */
@Startup
@ApplicationScoped
public class RulesetStartup {

    @ConfigProperty(name = "medsafety.rules.dir")
    Path rulesDir;

    @ConfigProperty(name = "medsafety.knowledge.dir")
    Path knowledgeDir;

    @Inject
    ActiveRuleset active;

    @PostConstruct
    void load() {
        RulesetCompiler.Result result = new RulesetCompiler().compile(RulesetFiles.read(rulesDir, knowledgeDir));
        if (!result.ok()) {
            result.problems().forEach(p -> Log.errorf("Ruleset problem: %s", p));
            throw new IllegalStateException("The ruleset in " + rulesDir.toAbsolutePath() + " and "
                    + knowledgeDir.toAbsolutePath() + " has " + result.problems().size() + " problem(s); see the log");
        }
        Ruleset ruleset = result.ruleset();
        record(ruleset);
        active.swap(ruleset);
        Log.infof("Ruleset %s active: %d rules, %d interaction pairs", ruleset.shortVersion(), ruleset.rules().size(),
                ruleset.knowledge().interactionPairCount());
    }

    private void record(Ruleset ruleset) {
        QuarkusTransaction.requiringNew().run(() -> {
            RulesetVersionRecord.update("active = false where active = true and version <> ?1", ruleset.version());
            RulesetVersionRecord existing = RulesetVersionRecord.findById(ruleset.version());
            if (existing != null) {
                existing.active = true;
                return;
            }
            RulesetVersionRecord rec = new RulesetVersionRecord();
            rec.version = ruleset.version();
            rec.label = "loaded at start from " + rulesDir + " and " + knowledgeDir;
            rec.author = "system";
            rec.reason = "service start";
            rec.ruleCount = ruleset.rules().size();
            rec.publishedAt = Instant.now();
            rec.active = true;
            rec.persist();
        });
    }
}
