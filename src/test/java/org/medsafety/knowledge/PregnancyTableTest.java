package org.medsafety.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** knowledge-base/pregnancy.csv as the loader reads it: the shipped rows, the index, and what it refuses. */
class PregnancyTableTest {

    private static final String HEADER = "id,drug,title,severity,from_weeks,before_weeks,route,exception,label_text,"
            + "section,set_id,version,effective_date,spl_id,source,source_url\n";

    @Test
    void theShippedRowsAreIndexedByIngredientAndClassMember() {
        KnowledgeBase kb = KnowledgeLoader.load(KnowledgeLoaderTest.shipped()).knowledge();

        assertThat(kb.pregnancyRows(11289)).extracting(PregnancyRow::id).containsExactly("PREG-WARFARIN");
        assertThat(kb.pregnancyRows(11289).get(0).exception()).contains("mechanical heart valves");
        // naproxen is an NSAID by class only: the class statement of the celecoxib label
        assertThat(kb.pregnancyRows(7258)).extracting(PregnancyRow::id)
                .containsExactly("PREG-NSAIDS-30W", "PREG-NSAIDS-20W");
        // celecoxib: its own label first at each severity, then the class statement
        assertThat(kb.pregnancyRows(140587)).extracting(PregnancyRow::id).containsExactly("PREG-CELECOXIB-30W",
                "PREG-NSAIDS-30W", "PREG-CELECOXIB-20W", "PREG-NSAIDS-20W");
        assertThat(kb.pregnancyRows(723)).as("amoxicillin: no row").isEmpty();
        assertThat(kb.pregnancyRows()).allSatisfy(row -> {
            assertThat(row.labelText()).isNotBlank();
            assertThat(row.source().citation()).contains("set-id");
        });
    }

    @Test
    void aRowHoldsAtTheGestationalAgesAndRouteItNames() {
        KnowledgeBase kb = KnowledgeLoader.load(KnowledgeLoaderTest.shipped()).knowledge();
        PregnancyRow limit = row(kb, 140587, "PREG-CELECOXIB-20W");
        PregnancyRow warfarin = row(kb, 11289, "PREG-WARFARIN");

        assertThat(limit.appliesAt(19.99)).isFalse();
        assertThat(limit.appliesAt(20.0)).isTrue();
        assertThat(limit.appliesAt(29.99)).isTrue();
        assertThat(limit.appliesAt(30.0)).isFalse();
        assertThat(limit.appliesAt(null)).as("unknown age: not guessed").isFalse();
        assertThat(warfarin.appliesAt(null)).as("throughout pregnancy").isTrue();
        assertThat(limit.describeWhen()).isEqualTo("from 20 to before 30 weeks of gestation");

        PregnancyRow topical = row(kb, 4492, "PREG-FLUOROURACIL-TOPICAL");
        assertThat(topical.appliesToRoute("topical")).isTrue();
        assertThat(topical.appliesToRoute("intravenous")).isFalse();
        assertThat(topical.appliesToRoute(null)).as("an unknown route is not another route").isTrue();
    }

    @Test
    void aRowWithoutVersionOrSplIdIsRefused() {
        String row = "P-1,11289,t,contraindicated,,,,,\"x\",4,abc,,,,\"Label, set-id abc\",\n";

        assertThat(load(row)).containsExactly(new KnowledgeProblem("pregnancy.csv", 2,
                "a label row needs version and effective_date, or spl_id"));
    }

    @Test
    void aSourceThatDoesNotNameTheSetIdIsRefused() {
        String row = "P-1,11289,t,contraindicated,,,,,\"x\",4,abc,1,2020-01-01,,\"Label, set-id xyz\",\n";

        assertThat(load(row)).containsExactly(new KnowledgeProblem("pregnancy.csv", 2,
                "source does not name the set-id abc"));
    }

    @Test
    void impossibleWeeksAndMinorSeverityAreRefused() {
        String weeks = "P-1,11289,t,major,30,20,,,\"x\",4,abc,1,2020-01-01,,\"set-id abc\",\n";
        String beyond = "P-2,11289,t,major,50,,,,\"x\",4,abc,1,2020-01-01,,\"set-id abc\",\n";
        String minor = "P-3,11289,t,minor,,,,,\"x\",4,abc,1,2020-01-01,,\"set-id abc\",\n";

        assertThat(load(weeks + beyond + minor)).extracting(KnowledgeProblem::message).containsExactly(
                "from_weeks 30.0 is not below before_weeks 20.0",
                "'50' in column from_weeks is not a number of weeks from 0 to 45",
                "a pregnancy row is contraindicated, major or moderate");
    }

    @Test
    void anUnknownDrugIsRefused() {
        String row = "P-1,999999,t,major,,,,,\"x\",4,abc,1,2020-01-01,,\"set-id abc\",\n";

        assertThat(load(row)).extracting(KnowledgeProblem::message)
                .containsExactly("RxCUI 999999 in column drug is not in ingredients.csv or the RxNorm vocabulary (IN or PIN)");
    }

    @Test
    void aPregnancyRowCanBeTunedLikeAnyKnowledgeRow() {
        Map<String, byte[]> files = KnowledgeLoaderTest.shipped();
        files.put(KnowledgeLoader.LOCAL_TUNING, ("target,action,severity,reason,author,date,source\n"
                + "PREG-NSAIDS-20W,lower,minor,local obstetric protocol,pharmacy,2026-01-01,P&T minutes\n")
                .getBytes(StandardCharsets.UTF_8));

        KnowledgeLoader.Result result = KnowledgeLoader.load(files);

        assertThat(result.problems()).isEmpty();
        assertThat(result.knowledge().tuning().about("PREG-NSAIDS-20W").knowledgeRow()).isTrue();
    }

    private static PregnancyRow row(KnowledgeBase kb, int ingredient, String id) {
        return kb.pregnancyRows(ingredient).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static java.util.List<KnowledgeProblem> load(String rows) {
        Map<String, byte[]> files = KnowledgeLoaderTest.shipped();
        files.put(KnowledgeLoader.PREGNANCY, (HEADER + rows).getBytes(StandardCharsets.UTF_8));
        return KnowledgeLoader.load(files).problems();
    }
}
