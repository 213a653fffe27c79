package org.medsafety.admin;

import org.medsafety.engine.RulesetFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Candidate rulesets for tests: the shipped folders, edited, zipped the way a pharmacist would upload them. */
final class RulesetZips {

    private final Map<String, byte[]> files = new HashMap<>();

    private RulesetZips() {
    }

    static RulesetZips shipped() {
        RulesetZips z = new RulesetZips();
        RulesetFiles shipped = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));
        shipped.rules().forEach((p, c) -> z.files.put("rules/" + p, c));
        shipped.knowledge().forEach((p, c) -> z.files.put("knowledge-base/" + p, c));
        return z;
    }

    RulesetZips put(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    RulesetZips edit(String path, UnaryOperator<String> change) {
        String before = new String(files.get(path), StandardCharsets.UTF_8);
        String after = change.apply(before);
        if (after.equals(before)) {
            throw new IllegalArgumentException("the edit did not change " + path);
        }
        return put(path, after);
    }

    /** The line number (1-based) of the first line of {@code path} that starts with {@code start}. */
    int lineOf(String path, String start) {
        String[] lines = new String(files.get(path), StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(start)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(start);
    }

    byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry("candidate/" + f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    RulesetFiles files() {
        Map<String, byte[]> rules = new HashMap<>();
        Map<String, byte[]> knowledge = new HashMap<>();
        files.forEach((p, c) -> {
            if (p.startsWith("rules/")) {
                rules.put(p.substring(6), c);
            } else {
                knowledge.put(p.substring("knowledge-base/".length()), c);
            }
        });
        return new RulesetFiles(rules, knowledge);
    }
}
