package org.medsafety.admin;

import org.medsafety.engine.RulesetFiles;
import org.medsafety.engine.RulesetProblem;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Validates and tests a ruleset without a server, for a rules repository's own CI: compile every DRL, validate the
 * knowledge tables, run every scenario. Prints each problem as {@code file:line: message} and exits non-zero on any.
 *
 * <pre>java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' org.medsafety.admin.RulesetCheck rules knowledge-base</pre>
 */
public final class RulesetCheck {

    private RulesetCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** @return 0 when the ruleset would be published, 1 when it would be refused, 2 for a usage error */
    public static int run(String[] args, PrintStream out) {
        if (args.length != 2) {
            out.println("usage: RulesetCheck <rules-dir> <knowledge-base-dir>");
            return 2;
        }
        RulesetFiles files;
        try {
            files = RulesetFiles.read(Path.of(args[0]), Path.of(args[1]));
        } catch (UncheckedIOException e) {
            out.println("cannot read the ruleset: " + e.getCause().getMessage());
            return 2;
        }
        PublicationPipeline.Outcome outcome = new PublicationPipeline().check(files);
        for (RulesetProblem p : outcome.problems()) {
            out.println(p);
        }
        out.println((outcome.ok() ? "OK" : "REFUSED") + ": ruleset " + outcome.version().substring(0, 12) + ", "
                + outcome.scenariosRun() + " scenarios run, " + outcome.scenariosFailed() + " failed, "
                + outcome.problems().size() + " problem(s)");
        return outcome.ok() ? 0 : 1;
    }
}
