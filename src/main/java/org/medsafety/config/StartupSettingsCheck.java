package org.medsafety.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.medsafety.audit.DatabaseRoleCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place the service refuses to start over its settings. Before any other start-up work (priority 1), it
 * gathers every problem {@link SettingsCheck} finds and, on PostgreSQL, whether the service's database role could
 * alter the audit trail, and stops the start once with all of them listed, each naming its environment variable.
 * Settings SmallRye Config cannot even convert (a duration of "soon") are refused earlier by Quarkus itself, also
 * all together.
 */
@ApplicationScoped
public class StartupSettingsCheck {

    @Inject
    MedsafetyConfig config;

    @Inject
    PlatformSettings platform;

    @Inject
    DatabaseRoleCheck databaseRole;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        List<SettingsCheck.Problem> problems = new ArrayList<>(SettingsCheck.problems(config, platform));
        databaseRoleProblem().ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(refusal(problems));
        }
    }

    private Optional<SettingsCheck.Problem> databaseRoleProblem() {
        if (!platform.postgresql()) {
            return Optional.empty(); // the embedded database has one user; the chains and signed checkpoints hold
        }
        Optional<String> danger = databaseRole.danger();
        if (danger.isEmpty()) {
            return Optional.empty();
        }
        if (platform.loopbackOnly()) {
            Log.warn(danger.get() + " (Tolerated on loopback only.)");
            return Optional.empty();
        }
        return Optional.of(new SettingsCheck.Problem(SettingsCheck.variable("quarkus.datasource.username"),
                "listening on " + platform.http().host() + ": " + danger.get()));
    }

    /** The message that stops the start: every problem on its own numbered line. */
    static String refusal(List<SettingsCheck.Problem> problems) {
        StringBuilder message = new StringBuilder("The service will not start: ").append(problems.size())
                .append(problems.size() == 1 ? " setting needs" : " settings need")
                .append(" attention (docs/configuration.md):");
        for (int i = 0; i < problems.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(problems.get(i));
        }
        return message.toString();
    }
}
