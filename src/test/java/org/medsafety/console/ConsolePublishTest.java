package org.medsafety.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.medsafety.engine.RulesetFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A pharmacist uploads a broken candidate, then a good one, reads its what-if report, publishes it, rolls back. */
@QuarkusTest
class ConsolePublishTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void brokenThenGoodCandidateWhatIfPublishAndRollback() throws IOException {
        String original = activeVersion();
        // Recent evaluations with the warfarin + naproxen card, for the what-if report to replay.
        ConsoleAuditData.signWarfarinNaproxen("console-publish-" + UUID.randomUUID());

        Path broken = candidate("broken", Map.of("rules/dose/broken.drl", """
                package dose;
                import org.medsafety.engine.facts.DoseFact;
                rule "BROKEN" @check("dose") @title("broken")
                when
                    $d : DoseFact( mgPerDoze > 10 )
                then
                end
                """), Map.of(), Set.of());
        // A stricter naproxen limit for 75-year-olds (a made-up row, with a source as every row needs): the recorded
        // order of 220 mg for the 75-year-old example patient would now get a dose card.
        Path good = candidate("naproxen-limit", Map.of(), Map.of("knowledge-base/dose-limits.csv", csv -> csv
                + "DOSE-NAPROXEN-ORAL-75,7258,naproxen,oral,75,75,100,200,,,,,\"console test row\","
                + "\"Console test: a limit below the label's, to see the what-if report\","
                + "https://dailymed.nlm.nih.gov/dailymed/\n"), Set.of());

        try (ConsoleBrowser browser = ConsoleBrowser.open(base)) {
            browser.signIn("pharmacist", "pharmacist");
            browser.get("/console/publish");
            assertThat(browser.text("#active-version")).isEqualTo(original);
            browser.capture("publish");

            // The configured folders are what is active: valid, with a what-if report. Whether it lists changes
            // depends on which versions the other tests of the suite recorded evaluations under (tuned or published
            // ones), so only its presence is checked here; the candidate below must show a real change.
            browser.submit("#check-folders");
            browser.waitForElement("#check-status");
            assertThat(browser.text("#check-status")).isEqualTo("valid");
            assertThat(browser.text("#check")).contains("configured folders").contains(original)
                    .contains("What if it were active");
            assertThat(browser.all("#no-changes").size() + browser.all("#what-if").size()).isEqualTo(1);
            browser.capture("publish-folders-checked");

            browser.find("#candidate-file").sendKeys(broken.toAbsolutePath().toString());
            browser.submit("#check-upload");
            browser.waitForElement("#check-status");
            assertThat(browser.text("#check-status")).isEqualTo("refused");
            assertThat(browser.text("#problems")).contains("rules/dose/broken.drl").contains("mgPerDoze");
            String line = browser.find("#problems tbody tr td:nth-child(2)").getText();
            assertThat(Integer.parseInt(line)).as("the line of the error").isGreaterThan(2);
            assertThat(browser.all("#publish")).as("a refused candidate cannot be published").isEmpty();
            browser.capture("publish-refused");

            browser.find("#candidate-file").sendKeys(good.toAbsolutePath().toString());
            browser.submit("#check-upload");
            browser.waitForElement("#check-status");
            assertThat(browser.text("#check-status")).as(browser.text("#check")).isEqualTo("valid");
            assertThat(browser.text("#what-if")).containsIgnoringCase("dose").containsIgnoringCase("naproxen")
                    .contains("appear");
            browser.capture("publish-what-if");
            browser.find("#reason").sendKeys("stricter naproxen limit at 75 (console test)");
            browser.submit("#publish");
            browser.waitFor(d -> d.getCurrentUrl().contains("published=true"));
            String published = browser.text("#active-version");
            assertThat(published).isNotEqualTo(original).isEqualTo(activeVersion());
            browser.capture("publish-published");

            browser.find("#reason-" + original).sendKeys("roll back after the console test");
            browser.submit("button[data-version='" + original + "']");
            browser.waitFor(d -> d.getCurrentUrl().contains("activated=true"));
            assertThat(browser.text("#active-version")).isEqualTo(original);
            assertThat(activeVersion()).isEqualTo(original);
            browser.capture("publish-rolled-back");

            // Local tuning with a reason, then its undo: each publishes a version made on the active one.
            browser.find("#tune-target").sendKeys("DDI-WARFARIN-NSAID");
            new Select(browser.find("#tune-action")).selectByValue("lower");
            new Select(browser.find("#tune-severity")).selectByValue("minor");
            browser.find("#tune-reason").sendKeys("anticoagulation clinic reviews these (console test)");
            browser.submit("#tune");
            browser.waitFor(d -> d.getCurrentUrl().contains("tuned=true"));
            assertThat(browser.text("#tuning")).contains("DDI-WARFARIN-NSAID").contains("severity minor")
                    .contains("anticoagulation clinic");
            assertThat(activeVersion()).isNotEqualTo(original);
            browser.capture("publish-tuned");
            browser.find("#undo-reason-DDI-WARFARIN-NSAID").sendKeys("end of the console test");
            browser.submit("#tuning button");
            browser.waitFor(d -> d.getCurrentUrl().contains("tuned=true") && !d.findElements(
                    org.openqa.selenium.By.id("no-tuning")).isEmpty());
            assertThat(activeVersion()).as("undoing the tuning gives back the original files").isEqualTo(original);
        }
    }

    private static String activeVersion() {
        return given().auth().basic("pharmacist", "pharmacist").get("/admin/rulesets/active")
                .then().statusCode(200).extract().path("version");
    }

    /** The shipped rules and knowledge, with files added and edited, zipped as a pharmacist would upload them. */
    private static Path candidate(String name, Map<String, String> added, Map<String, UnaryOperator<String>> edits,
                                  Set<String> removed) throws IOException {
        RulesetFiles shipped = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));
        Map<String, byte[]> files = new TreeMap<>();
        shipped.rules().forEach((p, c) -> files.put("rules/" + p, c));
        shipped.knowledge().forEach((p, c) -> files.put("knowledge-base/" + p, c));
        added.forEach((p, c) -> files.put(p, c.getBytes(StandardCharsets.UTF_8)));
        assertThat(files.keySet()).containsAll(removed);
        files.keySet().removeAll(removed);
        edits.forEach((p, edit) -> {
            String before = new String(files.get(p), StandardCharsets.UTF_8);
            String after = edit.apply(before);
            assertThat(after).as("the edit of %s changes it", p).isNotEqualTo(before);
            files.put(p, after.getBytes(StandardCharsets.UTF_8));
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry("candidate/" + f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        Path file = Path.of("target/console-candidates", name + ".zip");
        Files.createDirectories(file.getParent());
        Files.write(file, out.toByteArray());
        return file;
    }
}
