package org.medsafety.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.TemplateData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sample CDS Hooks requests offered on "Try it" (docs/examples/ in the quick start): every JSON file of the folder
 * that is a hook request (feedback bodies and other files are left out). A sample is chosen by its exact file name
 * from this list, never by a path from the browser.
 */
final class SampleRequests {

    static final long MAX_SIZE = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TemplateData
    record Sample(String name, String hook, String patientId, String text) {
    }

    private SampleRequests() {
    }

    static List<Sample> in(Path dir) {
        List<Sample> samples = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return samples;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted().forEach(f -> read(f).ifPresent(samples::add));
        } catch (IOException e) {
            return samples;
        }
        return samples;
    }

    static Optional<Sample> named(Path dir, String name) {
        return in(dir).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static Optional<Sample> read(Path file) {
        try {
            if (Files.size(file) > MAX_SIZE) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode node = JSON.readTree(text);
            if (!(node instanceof ObjectNode) || !node.path("hook").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Sample(file.getFileName().toString(), node.get("hook").asText(),
                    node.path("context").path("patientId").asText(null), text));
        } catch (IOException e) {
            return Optional.empty(); // not JSON: not a sample
        }
    }
}
