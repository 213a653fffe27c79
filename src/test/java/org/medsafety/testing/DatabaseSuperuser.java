package org.medsafety.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Someone with full rights on the service's database, editing it directly: the PostgreSQL superuser with every
 * trigger switched off for the session ({@code session_replication_role = replica}), or H2's admin user. This is the
 * attacker tamper evidence must hold against.
 */
public final class DatabaseSuperuser {

    private DatabaseSuperuser() {
    }

    public static boolean postgres() {
        return "postgresql".equals(ConfigProvider.getConfig().getValue("quarkus.datasource.db-kind", String.class));
    }

    public static Connection connect() throws SQLException {
        if (postgres()) {
            String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
            Connection c = DriverManager.getConnection(url, AuditTestDatabase.SUPERUSER, "");
            try (Statement s = c.createStatement()) {
                s.execute("SET session_replication_role = replica");
            }
            return c;
        }
        // H2's one user is its admin; the service's own pool reaches the same in-memory database for sure.
        Connection c = io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get()
                .getConnection();
        c.setAutoCommit(true);
        return c;
    }

    /** Runs each statement (with its parameters) in one transaction. */
    public static void run(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
