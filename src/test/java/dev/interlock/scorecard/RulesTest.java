package dev.interlock.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.NullValue;
import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;

/** Which variables a rule reads, and the scorecards that can choose their entities from the entity alone. */
class RulesTest {

    /** A list of three numbers doubled 40 times over: a few dozen nodes, but 3 * 2^40 items if let run. */
    private static final String LIST_DOUBLINGS = listDoublings();

    private static String listDoublings() {
        StringBuilder lists = new StringBuilder("[[1, 2, 3]].exists(l0, ");
        for (int i = 1; i <= 40; i++) {
            lists.append("[l")
                    .append(i - 1)
                    .append(" + l")
                    .append(i - 1)
                    .append("].exists(l")
                    .append(i)
                    .append(", ");
        }
        return lists.append("size(l40) > 0").append(")".repeat(41)).toString();
    }

    @Test
    void aRuleReadsTheVariablesItNames() {
        assertEquals(Set.of("entity"), Rules.reads("entity.kind == 'Component' && entity.spec.type == 'pipeline'"));
        assertEquals(Set.of("entity", "owner"), Rules.reads("entity.kind == 'Component' && owner.kind == 'group'"));
        assertEquals(Set.of("relations"), Rules.reads("relations.exists(r, r.type == 'ownedBy')"));
        assertEquals(Set.of("pipeline"), Rules.reads("has(pipeline.runbook)"));
        assertEquals(Set.of(), Rules.reads("true"));
    }

    @Test
    void aRuleThatReadsNothingAndFailsIsRefused() {
        String problem = Rules.problem("1 / 0 == 1");
        assertTrue(
                problem != null && problem.startsWith("it fails for every entity: ") && problem.contains("zero"),
                String.valueOf(problem));
        assertTrue(Rules.problem("{'a': 1}['b'] == 1").startsWith("it fails for every entity: "));
        // The list doubling below, written without a variable, is refused as well.
        String lists = LIST_DOUBLINGS;
        assertTrue(Rules.problem(lists).contains("larger than"), Rules.problem(lists));
        // Constant answers are rules still (a check every entity passes, or none), and so is any rule reading a
        // variable.
        assertEquals(null, Rules.problem("true"));
        assertEquals(null, Rules.problem("1 + 1 == 3"));
        assertEquals(null, Rules.problem("entity.spec.nothing / 0 == 1"));
        assertTrue(Rules.problem("size(").startsWith("it does not compile: "), Rules.problem("size("));
    }

    /**
     * CEL compiles a rule's pattern each time the rule runs, and nested counted repetitions expand as they compile:
     * {@code (a{1000}){1000}} took half a second per call, one level more ran the server out of memory.
     */
    @Test
    void aRulesPatternsAreLiteralSmallAndValid() {
        Map<String, Object> entity = Map.of("metadata", Map.of("name", "team-payments", "description", "^team-"));
        String name = "entity.metadata.name.matches('^team-[a-z0-9-]{1,63}$')";
        assertEquals(null, Rules.problem(name));
        assertTrue(Rules.test(name, Map.of("entity", entity)));
        assertEquals(null, Rules.problem("matches(entity.metadata.name, r'\\Q{1000}\\E|[{}]{2}|x{3,}|(ab|cd)+')"));

        for (String bomb : List.of(
                "!'a'.matches('(a{1000}){1000}')",
                "entity.metadata.name.matches('((a{1000}){1000}){10}')",
                "entity.metadata.name.matches('(?:x{100,}){100}')")) {
            String problem = Rules.problem(bomb);
            assertTrue(problem != null && problem.contains("repeats too much"), bomb + ": " + problem);
        }
        // \x{2028} is one character, not a repetition.
        assertEquals(null, Rules.problem("entity.metadata.name.matches(r'\\x{2028}|\\x{2029}|\\x{3000}')"));
        // A pattern within the limit, compiled over and over by nested comprehensions (CEL compiles it at each
        // call), runs out of the budget: the rule would pass otherwise.
        String forty = java.util.stream.IntStream.range(0, 40)
                .mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        String repeated =
                forty + ".all(i, " + forty + ".all(j, entity.metadata.name.matches('(a{0,1000}){0,5}') || true))";
        assertEquals(null, Rules.problem(repeated));
        assertFalse(Rules.test(repeated, Map.of("entity", entity)), "stopped by the budget");
        assertTrue(Rules.test(repeated.replace("(a{0,1000}){0,5}", "^team-"), Map.of("entity", entity)));
        // A long pattern is repeated cut, as any value the message quotes.
        String longPattern = "x".repeat(70) + "(";
        assertEquals(
                "its pattern '" + "x".repeat(60) + "…' is not a valid regular expression: missing closing )",
                Rules.problem("entity.metadata.name.matches('" + longPattern + "')")
                        .replaceFirst("^.*?its pattern", "its pattern"));
        String invalid = Rules.problem("entity.metadata.name.matches('[')");
        assertTrue(invalid != null && invalid.contains("not a valid regular expression"), invalid);
        String fromData = Rules.problem("entity.metadata.name.matches(entity.metadata.description)");
        assertTrue(fromData != null && fromData.contains("written in the rule as text"), fromData);
    }

    @Test
    void aRuleThatDoublesATextOrAListIsStoppedBeforeItFillsTheMemory() {
        // 26 nested doublings of a 300-character name: a few dozen nodes, but 20 billion characters if let run.
        StringBuilder rule = new StringBuilder("[entity.metadata.name].exists(a0, ");
        for (int i = 1; i <= 26; i++) {
            rule.append("[a")
                    .append(i - 1)
                    .append(" + a")
                    .append(i - 1)
                    .append("].exists(a")
                    .append(i)
                    .append(", ");
        }
        rule.append("size(a26) > 0").append(")".repeat(27));
        Map<String, Object> entity = Map.of("metadata", Map.of("name", "n".repeat(300)));
        assertFalse(Rules.test(rule.toString(), Map.of("entity", entity)));
        // The same with lists.
        String lists = LIST_DOUBLINGS;
        assertFalse(Rules.test(lists, Map.of()));
        // Doubling a few times stays within the bounds and is answered.
        assertTrue(Rules.test(
                "[entity.metadata.name].exists(a, [a + a].exists(b, size(b) == 600))", Map.of("entity", entity)));
    }

    @Test
    void aRuleThatReadsALongTextAgainAndAgainIsStoppedByTheBudget() {
        // An entity may hold a text of megabytes (a description): each matches() reads all of it, and each
        // concatenation copies it, so a loop of a few hundred items took a minute, or filled the heap (256 MB).
        String items = java.util.stream.IntStream.range(0, 300)
                .mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        String scans = items + ".all(i, !entity.metadata.description.matches('d+x'))";
        String copies = "size(" + items + ".map(i, entity.metadata.description + 'x')) == 300";
        assertEquals(null, Rules.problem(scans));
        assertEquals(null, Rules.problem(copies));
        Map<String, Object> huge = Map.of("entity", Map.of("metadata", Map.of("description", "d".repeat(1_000_000))));
        assertBudgetSpent(Rules.answer(scans, huge));
        assertBudgetSpent(Rules.answer(copies, huge));
        // The same rules on a description of ordinary length are answered.
        Map<String, Object> usual = Map.of("entity", Map.of("metadata", Map.of("description", "d".repeat(2_000))));
        assertTrue(Rules.test(scans, usual));
        assertTrue(Rules.test(copies, usual));
        // What map() gathers is read at each item without being copied: a rule over 1,500 relations is answered.
        List<Map<String, Object>> relations = java.util.stream.IntStream.range(0, 1_500)
                .mapToObj(i -> Map.<String, Object>of("type", "dependsOn", "targetRef", "component:default/c" + i))
                .toList();
        assertTrue(Rules.test("size(relations.map(r, r.targetRef)) == 1500", Map.of("relations", relations)));
    }

    private static void assertBudgetSpent(Rules.Answer answer) {
        assertFalse(answer.passed());
        assertTrue(
                answer.error() != null && answer.error().startsWith("the rule ran out of its budget: the rule visited"),
                String.valueOf(answer.error()));
    }

    @Test
    void aRuleThatGivesSomethingOtherThanTrueOrFalseSaysWhatItGave() {
        Map<String, Object> vars = Map.of(
                "entity",
                Map.of(
                        "spec",
                        Map.of(
                                "type",
                                "pipeline",
                                "replicas",
                                3L,
                                "tags",
                                List.of("a"),
                                "nothing",
                                NullValue.NULL_VALUE),
                        "metadata",
                        Map.of("name", "x")));
        Map<String, String> gave = Map.of(
                "entity.spec.type", "a string",
                "entity.spec.replicas", "a number",
                "entity.spec.tags", "a list",
                "entity.metadata", "a map",
                "entity.spec.nothing", "null");
        gave.forEach((rule, kind) -> assertEquals(
                new Rules.Answer(false, "the rule gave " + kind + ", not true or false"),
                Rules.answer(rule, vars),
                rule));
    }

    @Test
    void aRuleThatCannotAnswerSaysWhyAndCountsAsNotPassed() {
        Map<String, Object> vars = Map.of(
                "entity",
                Map.of("spec", Map.of("type", "pipeline"), "metadata", Map.of("description", "x".repeat(5_000))));
        // An answer, yes or no, has no error.
        assertEquals(new Rules.Answer(true, null), Rules.answer("entity.spec.type == 'pipeline'", vars));
        assertEquals(new Rules.Answer(false, null), Rules.answer("entity.spec.type == 'service'", vars));
        // A key the entity does not have, without has(): the rule, not the entity, is at fault.
        Rules.Answer missing = Rules.answer("entity.spec.lifecycle == 'production'", vars);
        assertFalse(missing.passed());
        assertTrue(
                missing.error().startsWith("the rule could not be evaluated: ")
                        && missing.error().contains("lifecycle"),
                missing.error());
        assertFalse(missing.error().contains("\n"), "one line: " + missing.error());
        // A message quoting a long value of the entity is cut short.
        Rules.Answer quoted = Rules.answer("int(entity.metadata.description) > 0", vars);
        assertFalse(quoted.passed());
        assertTrue(
                quoted.error().startsWith("the rule could not be evaluated: ")
                        && quoted.error().length() <= Rules.MAX_ERROR_LENGTH,
                quoted.error());
        // A stored rule that is no longer accepted says so.
        Rules.Answer refused = Rules.answer("entity.metadata.name.matches(entity.spec.type)", vars);
        assertFalse(refused.passed());
        assertTrue(refused.error().startsWith("the rule is no longer accepted: "), refused.error());
        // The list doubling runs out of its budget.
        Rules.Answer doubled = Rules.answer(LIST_DOUBLINGS, Map.of());
        assertFalse(doubled.passed());
        assertTrue(doubled.error().startsWith("the rule ran out of its budget: "), doubled.error());
    }

    @Test
    void onlyAScorecardChoosingByTheEntityChoosesBeforeTheFacts() {
        assertTrue(scorecard("entity.kind == 'Component' && entity.spec.type == 'pipeline'")
                .choosesByEntityAlone());
        assertTrue(scorecard("true").choosesByEntityAlone());
        assertFalse(scorecard("entity.kind == 'Component' && facts.ownerIsTeam").choosesByEntityAlone());
        assertFalse(scorecard("runs.reported").choosesByEntityAlone());
        // A comprehension variable named like a variable counts as reading it: no shortcut, the same answer.
        assertFalse(
                scorecard("entity.metadata.tags.exists(owner, owner == 'x')").choosesByEntityAlone());
    }

    @Test
    void choosingFromTheEntityAloneAgreesWithChoosingFromAllTheFacts() {
        Scorecard pipelines = scorecard("entity.kind == 'Component' && entity.spec.type == 'pipeline'");
        Map<String, Object> pipeline = Map.of("kind", "Component", "spec", Map.of("type", "pipeline"));
        Map<String, Object> team = Map.of("kind", "Group", "spec", Map.of("type", "team"));
        assertTrue(pipelines.appliesTo(Map.of("entity", pipeline)));
        assertTrue(pipelines.appliesTo(Map.of("entity", pipeline, "facts", Map.of())));
        assertFalse(pipelines.appliesTo(Map.of("entity", team)));
        assertFalse(pipelines.appliesTo(Map.of("entity", team, "facts", Map.of())));
    }

    private static Scorecard scorecard(String appliesTo) {
        return new Scorecard(
                EntityRef.ofCanonical("scorecard:default/s"),
                "S",
                "",
                appliesTo,
                List.of("bronze"),
                List.of(new Scorecard.Check("c", "C", "bronze", "true", "w")));
    }
}
