package org.medsafety.testing;

import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetCompiler;
import org.medsafety.engine.RulesetFiles;

import java.nio.file.Path;

/** The ruleset in rules/ and knowledge-base/, compiled once per test class loader, for tests without Quarkus. */
public final class ShippedRuleset {

    private static Ruleset compiled;

    private ShippedRuleset() {
    }

    public static synchronized Ruleset get() {
        if (compiled == null) {
            RulesetCompiler.Result result = new RulesetCompiler()
                    .compile(RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base")));
            if (!result.problems().isEmpty()) {
                throw new IllegalStateException("the shipped ruleset does not compile: " + result.problems());
            }
            compiled = result.ruleset();
        }
        return compiled;
    }
}
