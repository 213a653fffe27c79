package org.medsafety.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every audit table and the checkpoint file as they are, to put back after a test has tampered with them (as the
 * database superuser: a restore is itself a direct edit).
 */
public final class AuditTrailSnapshot {

    /** In the order rows can be inserted (cards after their evaluations). */
    static final List<String> TABLES = List.of("evaluation", "evaluation_card", "card_feedback", "admin_action",
            "audit_read", "audit_checkpoint", "audit_chain_head");

    private final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    private final byte[] checkpointFile;

    private AuditTrailSnapshot() {
        for (String table : TABLES) {
            rows.put(table, DatabaseSuperuser.query("SELECT * FROM " + table + " ORDER BY id"));
        }
        checkpointFile = readFile();
    }

    public static AuditTrailSnapshot take() {
        return new AuditTrailSnapshot();
    }

    public static Path checkpointFilePath() {
        return Path.of(ConfigProvider.getConfig().getValue("medsafety.audit.checkpoints.file", String.class));
    }

    private static byte[] readFile() {
        try {
            return Files.exists(checkpointFilePath()) ? Files.readAllBytes(checkpointFilePath()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void restore() {
        try (Connection c = DatabaseSuperuser.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int i = TABLES.size() - 1; i >= 0; i--) {
                    s.execute("DELETE FROM " + TABLES.get(i));
                }
            }
            for (String table : TABLES) {
                for (Map<String, Object> row : rows.get(table)) {
                    String columns = String.join(", ", row.keySet());
                    String marks = row.keySet().stream().map(k -> "?").collect(Collectors.joining(", "));
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (" + columns
                            + ") VALUES (" + marks + ")")) {
                        int i = 1;
                        for (Object value : row.values()) {
                            p.setObject(i++, value);
                        }
                        p.execute();
                    }
                }
            }
            c.commit();
            if (checkpointFile == null) {
                Files.deleteIfExists(checkpointFilePath());
            } else {
                Files.write(checkpointFilePath(), checkpointFile);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restore the audit tables", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
