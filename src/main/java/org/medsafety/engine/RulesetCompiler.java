package org.medsafety.engine;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.medsafety.knowledge.KnowledgeLoader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Compiles DRL at run time (Drools MVEL path, which reports errors with file and line) and loads the knowledge
 * tables. Either everything is valid and a {@link Ruleset} comes out, or nothing does and every problem is listed.
 */
public final class RulesetCompiler {

    /** The result of one compilation. */
    public record Result(Ruleset ruleset, List<RulesetProblem> problems) {

        public boolean ok() {
            return ruleset != null;
        }
    }

    private static final String KIE_PREFIX = "src/main/resources/";

    /** Compiled DRL by the hash of the .drl files: KieBases are immutable and shared safely between rulesets. */
    private record Compiled(KieBase kieBase, Map<String, RuleInfo> rules) {
    }

    private static final int CACHED_KIE_BASES = 4;
    private static final Map<String, Compiled> COMPILED = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > CACHED_KIE_BASES;
        }
    };

    private static Compiled cached(String drlHash) {
        synchronized (COMPILED) {
            return COMPILED.get(drlHash);
        }
    }

    private static void remember(String drlHash, Compiled compiled) {
        synchronized (COMPILED) {
            COMPILED.put(drlHash, compiled);
        }
    }

    /** SHA-256 of the .drl files only (paths and contents). */
    private static String drlHash(RulesetFiles files) {
        Map<String, byte[]> drl = new java.util.TreeMap<>();
        files.rules().forEach((path, content) -> {
            if (path.endsWith(".drl")) {
                drl.put(path, content);
            }
        });
        return new RulesetFiles(drl, Map.of()).contentHash();
    }

    public Result compile(RulesetFiles files) {
        String version = files.contentHash();
        List<RulesetProblem> problems = new ArrayList<>();

        String drlHash = drlHash(files);
        Compiled cached = cached(drlHash);
        // The knowledge tables and the DRL do not depend on each other: on a cache miss the tables load on another
        // core while Drools compiles (about a third of a start, and of every publication, is the two together).
        CompletableFuture<KnowledgeLoader.Result> loading = cached != null
                ? CompletableFuture.completedFuture(KnowledgeLoader.load(files.knowledge()))
                : CompletableFuture.supplyAsync(() -> KnowledgeLoader.load(files.knowledge()), KNOWLEDGE_LOADER);
        KieBase kieBase;
        Map<String, RuleInfo> rules;
        List<RulesetProblem> drlProblems = new ArrayList<>();
        if (cached != null) {
            // Same DRL as a ruleset compiled before: only knowledge or scenarios changed, so the KieBase is reused.
            kieBase = cached.kieBase();
            rules = cached.rules();
        } else {
            kieBase = build(files, version, drlProblems);
            rules = kieBase == null ? Map.of() : catalogue(kieBase, drlProblems);
        }
        KnowledgeLoader.Result knowledge = joined(loading);
        knowledge.problems().forEach(p -> problems.add(new RulesetProblem("knowledge-base/" + p.file(), p.line(), p.message())));
        problems.addAll(drlProblems);
        if (cached == null && kieBase != null && problems.isEmpty()) {
            remember(drlHash, new Compiled(kieBase, rules));
        }
        if (kieBase != null && knowledge.ok()) {
            checkTuning(knowledge.knowledge().tuning(), rules, problems);
        }
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        return new Result(new Ruleset(version, kieBase, knowledge.knowledge(), rules, Instant.now()), List.of());
    }

    /** One daemon thread, made when first needed: compiles are rare and one at a time per candidate. */
    private static final java.util.concurrent.Executor KNOWLEDGE_LOADER = task -> {
        Thread t = new Thread(task, "knowledge-loader");
        t.setDaemon(true);
        t.start();
    };

    private static KnowledgeLoader.Result joined(CompletableFuture<KnowledgeLoader.Result> loading) {
        try {
            return loading.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static KieBase build(RulesetFiles files, String version, List<RulesetProblem> problems) {
        KieServices ks = KieServices.Factory.get();
        // A unique ReleaseId per build: the KieRepository is a JVM-wide singleton shared by every compilation.
        ReleaseId releaseId = ks.newReleaseId("org.medsafety.rulesets", "ruleset-" + version,
                "1.0." + System.nanoTime());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        KieModuleModel module = ks.newKieModuleModel();
        module.setConfigurationProperty("drools.kbuilder.severity.duplicateRule", "ERROR");
        module.setConfigurationProperty("drools.kbuilder.severity.duplicateFunction", "ERROR");
        module.newKieBaseModel("medsafety").setDefault(true).addPackage("*");
        kfs.writeKModuleXML(module.toXML());
        int drlCount = 0;
        Map<String, String> kiePaths = new java.util.HashMap<>();
        for (Map.Entry<String, byte[]> file : files.rules().entrySet()) {
            if (file.getKey().endsWith(".drl")) {
                // Folder = DRL package, and a package name cannot contain '-': rules/duplicate-therapy holds
                // package duplicate_therapy.
                String kiePath = KIE_PREFIX + file.getKey().replace('-', '_');
                kiePaths.put(kiePath, file.getKey());
                kiePaths.put(file.getKey().replace('-', '_'), file.getKey()); // messages may omit the prefix
                kfs.write(kiePath, file.getValue());
                drlCount++;
            }
        }
        if (drlCount == 0) {
            problems.add(new RulesetProblem("rules/", 0, "no .drl files"));
            return null;
        }
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        KieBuilder builder = ks.newKieBuilder(kfs, classLoader).buildAll();
        try {
            List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
            if (!errors.isEmpty()) {
                for (Message m : errors) {
                    String path = "rules/" + (m.getPath() == null ? ""
                            : kiePaths.getOrDefault(m.getPath(), m.getPath().replaceFirst("^" + KIE_PREFIX, "")));
                    problems.add(new RulesetProblem(path, Math.max(m.getLine(), 0), m.getText().trim()));
                }
                return null;
            }
            return ks.newKieContainer(releaseId, classLoader).getKieBase();
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /** Every rule must say what it checks and what it is called; that metadata drives cards and the audit trail. */
    private static Map<String, RuleInfo> catalogue(KieBase kieBase, List<RulesetProblem> problems) {
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Object check = rule.getMetaData().get("check");
                Object title = rule.getMetaData().get("title");
                if (check == null || title == null) {
                    problems.add(new RulesetProblem("rules/" + pkg.getName(), 0,
                            "rule \"" + rule.getName() + "\" needs @check(...) and @title(...) metadata"));
                    continue;
                }
                if (rules.put(rule.getName(), new RuleInfo(rule.getName(), pkg.getName(), unquote(check),
                        unquote(title))) != null) {
                    problems.add(new RulesetProblem("rules/" + pkg.getName(), 0,
                            "rule name \"" + rule.getName() + "\" is used in more than one package"));
                }
            }
        }
        return rules;
    }

    /** Rule targets of local tuning must exist, and the interaction rule (which carries the ONC pairs) stays on. */
    private static void checkTuning(org.medsafety.knowledge.LocalTuning tuning, Map<String, RuleInfo> rules,
                                    List<RulesetProblem> problems) {
        for (var entry : tuning.entries().values()) {
            boolean isRule = rules.containsKey(entry.target());
            if (!entry.knowledgeRow() && !isRule) {
                problems.add(new RulesetProblem("knowledge-base/local-tuning.csv", 0, "target '" + entry.target()
                        + "' is neither a rule nor a knowledge row id"));
            }
            if (entry.disable() && isRule && "interaction".equals(rules.get(entry.target()).check())) {
                problems.add(new RulesetProblem("knowledge-base/local-tuning.csv", 0, "rule " + entry.target()
                        + " carries the ONC high-priority interactions and cannot be disabled; disable single rows"));
            }
        }
    }

    /** Drools keeps the quotes of metadata values on some build paths; strip them in one place. */
    private static String unquote(Object value) {
        String s = value.toString().trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
