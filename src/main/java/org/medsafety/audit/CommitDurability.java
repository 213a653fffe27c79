package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * A commit must be durable before the answer it guards leaves. H2 by default delays writing a commit by up to
 * 500 ms ({@code WRITE_DELAY}): a process killed in that window loses answered calls. So at start the delay is set
 * to 0 (a persistent database setting, so it holds whatever JDBC URL is configured): each commit is written to the
 * database file before it returns. PostgreSQL is durable at commit only with {@code synchronous_commit} on (its
 * default) and {@code fsync} on; a server configured otherwise is named in the log at start.
 */
@Startup
@ApplicationScoped
public class CommitDurability {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @PostConstruct
    void check() {
        try {
            if ("h2".equals(dbKind)) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("SET WRITE_DELAY 0").executeUpdate());
            } else if ("postgresql".equals(dbKind)) {
                String commit = setting("synchronous_commit");
                String fsync = setting("fsync");
                if (!"on".equals(fsync) || "off".equals(commit)) {
                    Log.warnf("PostgreSQL runs with fsync=%s, synchronous_commit=%s: a commit may be lost in a crash "
                            + "although its call was answered; set both to on (docs/operations.md)", fsync, commit);
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("Commit durability settings could not be checked (%s)", e.getClass().getSimpleName());
        }
    }

    private String setting(String name) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery("SHOW " + name)
                .getSingleResult()).toLowerCase(Locale.ROOT));
    }
}
