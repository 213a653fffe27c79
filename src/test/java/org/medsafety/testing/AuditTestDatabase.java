package org.medsafety.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The database every Quarkus test boot runs on (registered for all tests by {@link AuditTestDatabases}).
 *
 * <p>On PostgreSQL ({@code mvn test -Ppostgres}) the service runs as production should: migrations as the owner role
 * {@code medsafety_owner}, the service as the runtime role {@code medsafety_app}, which may only insert and read
 * audit rows. This creates both roles if the cluster lacks them (as the superuser {@code postgres}, trust auth as on
 * CI), gives the database to the owner and empties it. The database is {@code -Dtest.database} (default
 * {@code test}); a {@link FreshAuditDatabase} profile gets {@code <database>_<profile>}.
 *
 * <p>On H2 only a {@link FreshAuditDatabase} profile changes anything: an in-memory database of its own.
 */
public class AuditTestDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String OWNER = "medsafety_owner";
    public static final String RUNTIME = "medsafety_app";
    public static final String SUPERUSER = "postgres";
    static final String CLUSTER = "jdbc:postgresql://127.0.0.1:5432/";

    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    public static boolean postgres() {
        return System.getProperty("quarkus.test.profile", "").contains("pgtest");
    }

    @Override
    public Map<String, String> start() {
        String suffix = fresh() ? "_" + profile.substring(profile.lastIndexOf('.') + 1)
                .replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT) : "";
        if (!postgres()) {
            return suffix.isEmpty() ? Map.of()
                    : Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:medsafety" + suffix + ";DB_CLOSE_DELAY=-1");
        }
        String database = System.getProperty("test.database", "test") + suffix;
        try {
            prepare(database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare PostgreSQL database " + database + " with roles " + OWNER
                    + " and " + RUNTIME + " (as " + SUPERUSER + ")", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", CLUSTER + database);
        config.put("quarkus.datasource.username", RUNTIME);
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.flyway.username", OWNER);
        // Quarkus uses the Flyway user only with a non-empty password (trust auth here ignores it).
        config.put("quarkus.flyway.password", "trust-auth");
        config.put("quarkus.flyway.clean-at-start", "false");
        config.put("quarkus.flyway.placeholders.runtime_role", RUNTIME);
        return config;
    }

    private boolean fresh() {
        if (profile == null) {
            return false;
        }
        try {
            return FreshAuditDatabase.class.isAssignableFrom(
                    Class.forName(profile, false, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Roles (cluster-wide, so shared by everyone's databases: created once, never dropped), database, empty schema. */
    static void prepare(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(CLUSTER + "postgres", SUPERUSER, "");
             Statement s = c.createStatement()) {
            for (String role : new String[] {OWNER, RUNTIME}) {
                try {
                    s.execute("CREATE ROLE " + role + " LOGIN");
                } catch (SQLException exists) {
                    // created earlier, or by a concurrent run
                }
            }
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + database + " OWNER " + OWNER);
            } else {
                s.execute("ALTER DATABASE " + database + " OWNER TO " + OWNER);
            }
        }
        try (Connection c = DriverManager.getConnection(CLUSTER + database, SUPERUSER, "");
             Statement s = c.createStatement()) {
            // What Flyway's clean would do, but also for objects an earlier run created as another role.
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public AUTHORIZATION " + OWNER);
        }
    }

    @Override
    public void stop() {
    }
}
