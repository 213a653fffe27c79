package org.medsafety.admin;

import org.medsafety.engine.RulesetFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a candidate ruleset from a zip holding {@code rules/} and {@code knowledge-base/} (optionally under one
 * top folder, as zipping a repository gives). Refuses anything that is not plainly those two trees.
 */
public final class RulesetArchive {

    static final long MAX_TOTAL_BYTES = 50L * 1024 * 1024;

    /** A zip that cannot be a ruleset; the message says why. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private RulesetArchive() {
    }

    public static RulesetFiles read(byte[] zip) throws Invalid {
        Map<String, byte[]> rules = new TreeMap<>();
        Map<String, byte[]> knowledge = new TreeMap<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries++;
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName().replace('\\', '/');
                if (name.contains("..") || name.startsWith("/")) {
                    throw new Invalid("zip entry '" + name + "' leaves the archive");
                }
                byte[] content = readLimited(in, MAX_TOTAL_BYTES - total);
                total += content.length;
                String inTree = stripTopFolder(name);
                if (inTree.startsWith("rules/")) {
                    rules.put(inTree.substring("rules/".length()), content);
                } else if (inTree.startsWith("knowledge-base/")) {
                    knowledge.put(inTree.substring("knowledge-base/".length()), content);
                }
            }
        } catch (IOException e) {
            throw new Invalid("not a readable zip archive");
        }
        if (entries == 0) {
            throw new Invalid("not a zip archive, or an empty one");
        }
        if (rules.isEmpty() || knowledge.isEmpty()) {
            throw new Invalid("the zip must hold both rules/ and knowledge-base/ (found " + rules.size()
                    + " rule files and " + knowledge.size() + " knowledge files)");
        }
        return new RulesetFiles(rules, knowledge);
    }

    /** "repo-main/rules/x.drl" and "rules/x.drl" both name rules/x.drl. */
    private static String stripTopFolder(String name) {
        if (name.startsWith("rules/") || name.startsWith("knowledge-base/")) {
            return name;
        }
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    private static byte[] readLimited(InputStream in, long remaining) throws IOException, Invalid {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > remaining) {
                throw new Invalid("the zip unpacks to more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MB");
            }
        }
        return out.toByteArray();
    }
}
