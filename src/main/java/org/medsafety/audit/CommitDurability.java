package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.medsafety.config.PlatformSettings;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * A commit must be durable before the answer it guards leaves.
 *
 * <ul>
 * <li>H2 by default delays writing a commit by up to 500 ms ({@code WRITE_DELAY}): a process killed in that window
 *     loses answered calls. At start the delay is set to 0 (a persistent database setting, so it holds whatever JDBC
 *     URL is configured): each commit is written to the database file before it returns. H2 does not fsync a commit,
 *     though, so {@link #afterCommit()} forces the database file after each audit write, and a power loss cannot
 *     take an answered call either.</li>
 * <li>PostgreSQL is durable at commit with {@code synchronous_commit} on (its default) and {@code fsync} on; a server
 *     configured otherwise is named in the log at start.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class CommitDurability {

    @Inject
    EntityManager em;

    @Inject
    PlatformSettings platform;

    private volatile FileChannel h2File;

    @PostConstruct
    void check() {
        try {
            String dbKind = platform.datasource().dbKind();
            if ("h2".equals(dbKind)) {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("SET WRITE_DELAY 0").executeUpdate());
                h2File = platform.datasource().jdbc().url().flatMap(CommitDurability::h2DatabaseFile)
                        .filter(Files::isRegularFile).map(CommitDurability::openForSync).orElse(null);
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

    /** The file of an embedded H2 database URL ({@code jdbc:h2:[file:]path[;settings]}), if it names one. */
    static Optional<Path> h2DatabaseFile(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int settings = rest.indexOf(';');
        if (settings >= 0) {
            rest = rest.substring(0, settings);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.startsWith("mem:") || rest.matches("^[a-z]+:.*")) {
            return Optional.empty(); // in memory, or a server, or an archive: not a local file to sync
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return rest.isEmpty() ? Optional.empty() : Optional.of(Path.of(rest + ".mv.db"));
    }

    private static FileChannel openForSync(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            Log.warnf("The H2 database file cannot be opened to sync commits (%s); a power loss may lose the last "
                    + "commits", e.getClass().getSimpleName());
            return null;
        }
    }

    /** After an audit write committed: on an H2 file, forces it to the device (fsync syncs the file, any handle). */
    public void afterCommit() throws IOException {
        FileChannel file = h2File;
        if (file != null) {
            try {
                file.force(false);
            } catch (java.nio.channels.ClosedChannelException shuttingDown) {
                // closed at shutdown: H2 forces the file itself when it closes
            }
        }
    }

    private String setting(String name) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery("SHOW " + name)
                .getSingleResult()).toLowerCase(Locale.ROOT));
    }

    void stop(@Observes ShutdownEvent event) {
        FileChannel file = h2File;
        h2File = null;
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }
}
