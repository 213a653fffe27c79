package org.medsafety.knowledge.mining;

import org.medsafety.knowledge.Severity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the words of an FDA label statement map to a severity, and which statements are not read as interactions at
 * all. The table in docs/clinical-content.md ("Severity from label language") is this class in prose; change both.
 *
 * <p>A statement is first excluded if it says there is no interaction (no clinically significant effect, no dose
 * adjustment, did not alter, not expected to ...), is about laboratory tests, allergy, in-vitro data without a
 * recommendation, switching between drugs, overdose, an indication, or pregnancy. What remains gets the most severe
 * cue it contains: "contraindicated" / "do not use" → contraindicated; "avoid" / "not recommended" / fatal outcomes →
 * major; "monitor" / dose adjustment / "caution" → moderate; a stated clinical effect without a recommendation
 * (increased risk of bleeding, serotonin syndrome, toxicity ...) → moderate. A pharmacokinetic statement with none
 * of these (an AUC ratio in a table) is not an interaction row. The section weighs in: in Contraindications every
 * kept statement is contraindicated; in a Boxed Warning it is at least major.
 */
public final class LabelLanguage {

    /** Where in the label a statement stands. */
    public enum Section {
        DRUG_INTERACTIONS, CONTRAINDICATIONS, BOXED_WARNING;
    }

    /** The severity a statement carries and the words that decided it. */
    public record Reading(Severity severity, String cue) {
    }

    /** {@code recommendation}: the label tells the prescriber what to do; otherwise it states a clinical effect. */
    private record Cue(Pattern pattern, Severity severity, boolean recommendation) {
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** Cross-references ("[see Contraindications (4)]", "(see WARNINGS)") name sections, not recommendations. */
    private static final Pattern CROSS_REFERENCE = p("\\[\\s*see[^\\]]*\\]|\\(\\s*see[^)]*\\)");

    /** Statements that there is no interaction, or none that matters. */
    private static final List<Pattern> NEGATIONS = List.of(
            p("\\bno (clinically |statistically )?(significant|relevant|important|meaningful|appreciable|notable|"
                    + "major|apparent|marked|substantial|material|consistent|detectable)\\b"),
            p("\\bnot (clinically |statistically )?(significant|relevant|meaningful|important)\\b"),
            p("\\bclinically (insignificant|irrelevant|unimportant)\\b"),
            p("\\bno (dose|dosage|dosing) (adjustment|modification|change|reduction|alteration)s?\\b"),
            p("\\b(dose|dosage) (adjustment|modification|change)s?( of [^.;]{1,60}?)? (is|are|was|were) (\\w+ly )?not "
                    + "(\\w+ly )?(necessary|needed|required|recommended|warranted)"),
            p("\\bwithout (a |any )?(dose|dosage) (adjustment|modification)"),
            p("\\b(did|does|was|were|is|are|has|have|had) not (\\w+ly )?(affect|alter|chang|influenc|modif|"
                    + "increas|decreas|inhibit|induc|interact|result|show|produc|caus|impact|prolong|reduc|potentiat|"
                    + "appear|seem|lead)\\w*"),
            p("\\b(unchanged|unaffected|unaltered)\\b"),
            p("\\bno (effect|effects|change|changes|difference|differences|interaction|interactions|impact|"
                    + "influence|increase|decrease|alteration|evidence|additional)\\b"),
            p("\\bno (pharmacokinetic|pharmacodynamic|drug|relevant)[- ](drug[- ])?interactions?\\b"),
            p("\\b(had|has|have|showed|shows|with) no\\b"),
            p("\\b(not|un)likely to\\b"),
            p("\\bnot (expected|anticipated|predicted) to\\b"),
            p("\\bno (data|information|studies|clinical experience) (\\w+ )?(suggest|indicat|show)\\w*"));

    /**
     * "Not studied", "unknown", "refer to the other drug's package insert": no statement either way, unless the
     * label still recommends something.
     */
    private static final List<Pattern> NO_INFORMATION = List.of(
            p("\\bnot (been )?(studied|evaluated|established|investigated|assessed|examined|known)\\b"),
            p("\\b(is|are|remains?) unknown\\b"),
            p("\\bno (data|information|studies|clinical experience)\\b"),
            p("\\b(refer to|see|consult) (the )?(\\w+ ){0,5}(package inserts?|prescribing information|labeling)\\b"));

    /** Statements that are about something other than two drugs taken together. */
    private static final List<Pattern> OTHER_TOPICS = List.of(
            p("\\b(laboratory|lab) tests?\\b|\\bassays?\\b|\\bimmunoassays?\\b|\\bfalse[- ](positive|negative)"),
            p("\\bhypersensitiv|\\ballerg|\\banaphyla|\\bcross[- ](sensitiv|reactiv)|\\burticaria\\b|"
                    + "\\basthma\\b|\\bbronchospasm\\b"),
            p("\\boverdos|\\bantidote\\b|\\bto reverse\\b|\\breversal\\b"),
            p("\\bswitch(ing)? (from|to|between)\\b|\\btransition(ing)? (from|to|between)\\b|"
                    + "\\bconvert(ing)? (from|to)\\b"),
            p("\\bpregnan|\\blactat|\\bbreastfe"),
            p("\\bh\\. ?pylori\\b|\\bhelicobacter\\b|\\bcombination therapy with clarithromycin\\b"),
            p("\\bcontraindications (to|of|for) (\\w+ ){1,3}(also )?apply\\b"),
            p("\\btreat (\\w+ ){0,3}with\\b|\\bpremedicat\\w*|\\bprophyla(xis|ctic)\\b"),
            p("\\bis indicated\\b|\\bare indicated\\b|\\bindicated (for|in) (the|patients|adults)\\b"),
            p("\\bclinical (trials?|studies) (of|with|in)\\b.*\\b(permitted|allowed|excluded)\\b"));

    /** A Boxed Warning's "in combination with" describes a regimen's toxicity, not an interaction. */
    private static final Pattern REGIMEN = p("\\bin combination with\\b");
    private static final Pattern IN_VITRO = p("\\bin vitro\\b");
    /** "may be coadministered", "can be used with": permission, not a warning. */
    private static final Pattern PERMISSION = p("\\b(can|may) be (safely )?(co-?administered|used|given|taken|"
            + "combined|prescribed)\\b");

    /** Words that place a drug alongside the label's own drug: required in Contraindications and Boxed Warning. */
    private static final Pattern COMBINATION = p("\\bconcomitant|\\bco-?administ|\\bcombin(ed|ation|ing)\\b|"
            + "\\btogether\\b|\\bconcurrent|\\bsimultaneous|\\bco-?prescrib|\\breceiving\\b|\\btaking\\b|"
            + "\\b(use|used|using|given|administered|treated|treatment|therapy) with\\b|\\bwith (strong|moderate|"
            + "other|any|an?|drugs?|medications?)\\b|\\binteract|\\bwithin \\d+ (days|weeks)\\b");

    private static final List<Cue> CUES = List.of(
            // "contraindicated in patients less than 2 years of age" is about a population, not the combination.
            new Cue(p("\\bcontraindicated\\b(?! in (\\w+ ){1,2}(less than|younger|under|aged|with|who (have|are))\\b)|"
                    + "\\b(is|are|an?|absolute) contraindications?\\b"),
                    Severity.CONTRAINDICATED, true),
            new Cue(p("\\b(do|does|should|must) (?!generally|usually|ordinarily)(\\w+ly )?not (be )?(use|used|administer|administered|co-?administer|"
                    + "co-?administered|give|given|take|taken|prescribe|prescribed|start|started|initiate|initiated|"
                    + "combine|combined)\\b(?! at the same time| simultaneously)"), Severity.CONTRAINDICATED, true),
            new Cue(p("\\bnever (be )?(use|used|administer|administered|give|given|combine|combined)\\b|"
                    + "\\b(is|are) not to be (used|administered|given)\\b"), Severity.CONTRAINDICATED, true),
            new Cue(p("\\bavoid(ed|ing|s|ance)?\\b|\\bshould (generally|usually|ordinarily) not\\b"), Severity.MAJOR, true),
            // "the maximum dose is not recommended to exceed …" is a dose cap (moderate, below), not "avoid".
            new Cue(p("\\bnot (be )?(recommended|advised|advisable)\\b(?! to exceed)|\\binstead of\\b"), Severity.MAJOR,
                    true),
            new Cue(p("\\b(temporarily )?(discontinue|suspend|interrupt|withhold)\\b"), Severity.MAJOR, true),
            new Cue(p("\\bfatal(ities)?\\b|\\bdeaths?\\b|\\blife[- ]threatening\\b|\\bcoma\\b|\\btorsades?\\b"),
                    Severity.MAJOR, false),
            new Cue(p("\\bmonitor(ing|ed|s)?\\b|\\bmeasure\\b|\\bcheck\\b|\\bfollow(ed)? closely\\b|"
                    + "\\bclosely (observe|observed|follow|followed)\\b|\\bobserved? (closely|carefully)\\b"),
                    Severity.MODERATE, true),
            new Cue(p("\\b(dose|dosage|dosing) (adjustments?|modifications?|reductions?|increases?|decreases?|"
                    + "changes?|titration)\\b|\\badjust(ing|ment of)? (the |a |its )?(\\w+ )?(dose|dosage|dosing)\\b|"
                    + "\\b(reduce|reducing|decrease|decreasing|lower|lowering|increase|increasing|halve) (the |its )?"
                    + "(\\w+ )?(dose|dosage|dosing|daily dose)\\b|\\b(reduced|lower|lowest|smaller) (starting )?"
                    + "(doses?|dosages?)\\b|\\btitrat\\w*"), Severity.MODERATE, true),
            new Cue(p("\\b(do|should) not exceed\\b|\\bnot (recommended )?to exceed\\b|\\bmaximum (recommended )?(daily )?"
                    + "(dose|dosage)\\b|\\blimit (the )?(dose|dosage)\\b"), Severity.MODERATE, true),
            new Cue(p("\\bcaution(ary|s)?\\b|\\bcautious(ly)?\\b|\\bcareful(ly)?\\b|\\bconsider(ation)?\\b|"
                    + "\\bwarranted\\b|\\bmay (need|require)\\b|\\b(is|are|be|become|may be) (necessary|required|"
                    + "needed)\\b"), Severity.MODERATE, true),
            new Cue(p("\\bseparated? (the )?(administration|dosing|doses|dosage|by)\\b|\\bseparately\\b|"
                    + "\\bstagger\\b|\\bat least (\\w+ )?hours? (before|after|prior)\\b|(^|[.;:]\\s*|\\bshould be )(administer|take|"
                    + "give|taken|given|administered)\\b[^.;]{0,60}\\b\\d+ hours? (before|after|prior)\\b|"
                    + "\\bat the same time\\b"),
                    Severity.MODERATE,
                    true),
            new Cue(p("\\bincreases? (the )?risk\\b|\\bincreased risk\\b|\\brisk of\\b|\\bserotonin syndrome\\b|"
                    + "\\bpotentiat\\w*|\\benhance[sd]? (the )?(\\w+ )?(effects?|toxicity|actions?|activity)\\b|"
                    + "\\badditive\\b|\\bsynergistic\\b|\\btoxicit(y|ies)\\b|\\bbleeding\\b|\\bhemorrhag\\w*|"
                    + "\\bhypotension\\b|\\bhyperkalemia\\b|\\bhypoglycemia\\b|\\bhyponatremia\\b|\\bhypokalemia\\b|"
                    + "\\bqtc? (interval )?prolongation\\b|\\bprolong\\w* (of )?the qtc?\\b|\\brespiratory depression\\b|"
                    + "\\bsedation\\b|\\bcns depression\\b|\\bseizures?\\b|\\bnephrotoxic\\w*|\\bototoxic\\w*|"
                    + "\\bhepatotoxic\\w*|\\bmyopathy\\b|\\brhabdomyolysis\\b|\\bbradycardia\\b|\\barrhythmias?\\b|"
                    + "\\bhypertensive crisis\\b|\\bhyperthermia\\b|\\bneutropenia\\b|\\bmyelosuppression\\b|"
                    + "\\bbone marrow suppression\\b|\\blactic acidosis\\b|\\b(loss of|reduced|decreased|diminished) "
                    + "(\\w+ )?(efficacy|effectiveness|therapeutic effect|response)\\b|\\b(therapeutic|treatment|"
                    + "virologic) failure\\b|\\b(increase|decrease|reduce|lower)s? the effectiveness\\b|"
                    + "\\b(adverse|undesirable) (reactions|effects|events)\\b"), Severity.MODERATE, false));

    private LabelLanguage() {
    }

    /**
     * Why this statement is not read as a drug-pair interaction, or null when it may be one. A recommendation keeps
     * an in-vitro statement or a permission ("may be coadministered with caution"); nothing keeps a negation.
     */
    public static String exclusion(String statement) {
        String text = withoutCrossReferences(statement);
        for (Pattern negation : NEGATIONS) {
            Matcher m = negation.matcher(text);
            if (m.find()) {
                return "says there is no interaction or none that matters (\"" + m.group() + "\")";
            }
        }
        for (Pattern topic : OTHER_TOPICS) {
            Matcher m = topic.matcher(text);
            if (m.find()) {
                return "about something other than co-administration (\"" + m.group() + "\")";
            }
        }
        Reading recommendation = strongestCue(text, false);
        if (recommendation == null) {
            for (Pattern unknown : NO_INFORMATION) {
                Matcher m = unknown.matcher(text);
                if (m.find()) {
                    return "says nothing about the combination itself (\"" + m.group() + "\")";
                }
            }
            Matcher vitro = IN_VITRO.matcher(text);
            if (vitro.find()) {
                return "in-vitro data without a recommendation";
            }
            Matcher permission = PERMISSION.matcher(text);
            if (permission.find()) {
                return "permits the combination (\"" + permission.group() + "\")";
            }
        }
        return null;
    }

    /**
     * The severity of a statement that {@link #exclusion} kept, or null when it carries no recommendation and no
     * clinical effect (a pharmacokinetic figure alone), or, in Contraindications and Boxed Warning, when nothing in
     * it places another drug alongside the label's drug.
     */
    public static Reading severity(String statement, Section section) {
        String text = withoutCrossReferences(statement);
        Reading cue = strongestCue(text, true);
        if (section == Section.DRUG_INTERACTIONS) {
            return cue;
        }
        Matcher combination = COMBINATION.matcher(text);
        if (!combination.find() || (section == Section.BOXED_WARNING && REGIMEN.matcher(text).find())) {
            return null;
        }
        if (section == Section.CONTRAINDICATIONS) {
            return new Reading(Severity.CONTRAINDICATED, cue != null && cue.severity() == Severity.CONTRAINDICATED
                    ? cue.cue() : "listed under Contraindications");
        }
        if (cue == null || cue.severity().ordinal() > Severity.MAJOR.ordinal()) {
            return new Reading(Severity.MAJOR, "Boxed Warning" + (cue == null ? "" : ": " + cue.cue()));
        }
        return cue;
    }

    /** The strongest recommendation (what to do) in a statement, ignoring stated effects; null when none. */
    public static Reading recommendation(String statement) {
        return strongestCue(withoutCrossReferences(statement), false);
    }

    /** The most severe cue (first found among equals); effect cues only when {@code effects}. */
    private static Reading strongestCue(String text, boolean effects) {
        Reading best = null;
        for (Cue cue : CUES) {
            if (!cue.recommendation() && !effects) {
                continue;
            }
            Matcher m = cue.pattern().matcher(text);
            if (m.find() && (best == null || cue.severity().ordinal() < best.severity().ordinal())) {
                best = new Reading(cue.severity(), m.group().toLowerCase(Locale.ROOT));
            }
        }
        return best;
    }

    static String withoutCrossReferences(String statement) {
        return CROSS_REFERENCE.matcher(statement).replaceAll(" ");
    }
}
