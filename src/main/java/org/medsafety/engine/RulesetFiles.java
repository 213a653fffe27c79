package org.medsafety.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The content of one ruleset: every file under {@code rules/} and {@code knowledge-base/}, by path relative to
 * its folder. Its SHA-256 over sorted paths and contents is the ruleset version, so the same files always give
 * the same version on every instance.
 */
public record RulesetFiles(Map<String, byte[]> rules, Map<String, byte[]> knowledge) {

    public RulesetFiles {
        rules = new TreeMap<>(rules);
        knowledge = new TreeMap<>(knowledge);
    }

    public static RulesetFiles read(Path rulesDir, Path knowledgeDir) {
        return new RulesetFiles(readTree(rulesDir), readTree(knowledgeDir));
    }

    private static Map<String, byte[]> readTree(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException("not a directory: " + dir.toAbsolutePath()));
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(".") && !rel.contains("/.")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Hex SHA-256 of all files: the ruleset version. */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            digest(sha, "rules/", rules);
            digest(sha, "knowledge-base/", knowledge);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digest(MessageDigest sha, String prefix, Map<String, byte[]> files) {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] path = (prefix + e.getKey()).getBytes(StandardCharsets.UTF_8);
            sha.update(length(path.length));
            sha.update(path);
            sha.update(length(e.getValue().length));
            sha.update(e.getValue());
        }
    }

    /** Length prefixes keep "ab"+"c" and "a"+"bc" apart in the hash. */
    private static byte[] length(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
