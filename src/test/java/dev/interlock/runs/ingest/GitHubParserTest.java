package dev.interlock.runs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.interlock.runs.BranchKind;
import dev.interlock.runs.RunState;

/** What a {@code workflow_run} delivery becomes: the state of each of GitHub's conclusions, and the dedup key. */
class GitHubParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode delivery(Object id, String action, String conclusion) {
        ObjectNode e = JSON.createObjectNode().put("action", action);
        ObjectNode run = e.putObject("workflow_run");
        run.putPOJO("id", id);
        run.put("path", ".github/workflows/ci.yml")
                .put("conclusion", conclusion)
                .put("updated_at", "2026-11-30T08:00:00Z")
                .putObject("repository")
                .put("full_name", "acme/shop");
        return e;
    }

    /** Parsed from its text, as a delivery is (the id a JSON number or text). */
    private static RunEvent parse(ObjectNode delivery) {
        try {
            return new GitHubParser().parse(JSON.readTree(JSON.writeValueAsString(delivery)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachOfGitHubsConclusionsHasItsState() {
        List<List<Object>> expected = List.of(
                List.of("success", RunState.SUCCEEDED),
                List.of("failure", RunState.FAILED),
                List.of("timed_out", RunState.FAILED),
                List.of("startup_failure", RunState.FAILED),
                List.of("cancelled", RunState.CANCELLED),
                List.of("stale", RunState.CANCELLED),
                List.of("skipped", RunState.SKIPPED),
                List.of("neutral", RunState.SKIPPED),
                List.of("action_required", RunState.SKIPPED));
        for (List<Object> c : expected) {
            RunEvent event = parse(delivery(42L, "completed", (String) c.get(0)));
            assertEquals(c.get(1), event.state(), (String) c.get(0));
            assertEquals(
                    c.get(1) == RunState.FAILED ? "conclusion: " + c.get(0) : null, event.error(), (String) c.get(0));
        }
    }

    @Test
    void aConclusionGitHubAddsLaterCountsAsFailedAndIsNamed() {
        RunEvent event = parse(delivery(42L, "completed", "on_fire"));
        assertEquals(RunState.FAILED, event.state());
        assertEquals("conclusion: on_fire (not one Interlock knows; counted as failed)", event.error());
        RunEvent none = parse(delivery(42L, "completed", null));
        assertEquals("conclusion: none (not one Interlock knows; counted as failed)", none.error());
        assertNull(parse(delivery(42L, "in_progress", null)).error());
    }

    @Test
    void theDedupKeyTellsEveryDeliveryApart() {
        assertEquals(
                "42|1|completed", parse(delivery(42L, "completed", "success")).dedupKey());
        assertEquals(
                "42|1|completed", parse(delivery("42", "completed", "success")).dedupKey());
        // One number, one run, however it is written: "042" is the run 42, and 0 stays 0.
        RunEvent padded = parse(delivery("042", "completed", "success"));
        assertEquals("42|1|completed", padded.dedupKey());
        assertEquals("42", padded.runId());
        assertEquals(
                "0|1|completed", parse(delivery("000", "completed", "success")).dedupKey());
        // An id holding | made "5|1" + action "x" and "5" + action "1|x" one key: ids are GitHub's numbers.
        for (Object id : List.of("5|1", "abc", "", 1.5, -3, JSON.createObjectNode())) {
            BadRunEvent refused = assertThrows(BadRunEvent.class, () -> parse(delivery(id, "completed", "success")));
            assertEquals("workflow_run.id", refused.field(), String.valueOf(id));
        }
        assertEquals("5|1|1|x", parse(delivery(5L, "1|x", "success")).dedupKey());
    }

    @Test
    void whatARunsBranchIs() {
        record Case(String branch, String event, String defaultBranch, String headRepo, BranchKind kind) {}
        for (Case c : List.of(
                new Case("main", "push", "main", "acme/shop", BranchKind.MAIN),
                new Case("trunk", "push", "trunk", null, BranchKind.MAIN),
                new Case("feature/x", "push", "main", "acme/shop", BranchKind.OTHER),
                new Case("v1.3.0", "push", "main", "acme/shop", BranchKind.OTHER),
                new Case("feature/x", "workflow_run", "main", "acme/shop", BranchKind.OTHER),
                new Case("feature/x", "pull_request", "main", "acme/shop", BranchKind.PROPOSAL),
                new Case("gh-readonly-queue/main/pr-1", "merge_group", "main", "acme/shop", BranchKind.PROPOSAL),
                new Case("main", "pull_request_target", "main", "acme/shop", BranchKind.PROPOSAL),
                // A fork's own main, whatever started it.
                new Case("main", "push", "main", "mallory/shop", BranchKind.PROPOSAL),
                new Case("v1.3.0", "release", "main", "acme/shop", BranchKind.MAIN),
                new Case("feature/x", "workflow_dispatch", "main", "ACME/Shop", BranchKind.MAIN),
                new Case("main", "schedule", "main", "acme/shop", BranchKind.MAIN),
                // A trimmed payload without the default branch: main and master are the main line.
                new Case("master", "push", null, null, BranchKind.MAIN),
                new Case("dev", "push", null, null, BranchKind.OTHER),
                new Case("dev", null, "main", null, BranchKind.OTHER))) {
            assertEquals(
                    c.kind(),
                    GitHubParser.branchKind(c.branch(), c.event(), c.defaultBranch(), c.headRepo(), "acme/shop"),
                    c.toString());
        }
        ObjectNode d = delivery(12, "completed", "failure");
        ((ObjectNode) d.get("workflow_run"))
                .put("head_branch", "feature/x")
                .put("event", "pull_request")
                .putObject("head_repository")
                .put("full_name", "acme/shop");
        d.putObject("repository").put("full_name", "acme/shop").put("default_branch", "main");
        RunEvent e = parse(d);
        assertEquals("feature/x", e.branch());
        assertEquals(BranchKind.PROPOSAL, e.branchKind());
        assertNull(parse(delivery(13, "completed", "success")).branch());
        // Kept as sent and judged so: a zero-width space does not make a branch main (pages leave such characters out).
        ((ObjectNode) d.get("workflow_run")).put("head_branch", "ma\u200Bin").put("event", "push");
        assertEquals("ma\u200Bin", parse(d).branch());
        assertEquals(BranchKind.OTHER, parse(d).branchKind());
        ((ObjectNode) d.get("workflow_run")).putObject("head_branch").put("a", 1);
        BadRunEvent refused = assertThrows(BadRunEvent.class, () -> parse(d));
        assertEquals("workflow_run.head_branch", refused.field());
        assertTrue(
                refused.getMessage().contains("must be a branch name (text), found {\"a\":1}"), refused.getMessage());
    }

    /** A time that does not parse is refused with its full path in the delivery, as every other field of it is. */
    @Test
    void aBadTimeIsRefusedNamingItsPathInTheDelivery() {
        for (String field : new String[] {"updated_at", "created_at", "run_started_at"}) {
            ObjectNode d = delivery(17, "in_progress", null);
            ((ObjectNode) d.get("workflow_run")).put(field, "garbage");
            BadRunEvent refused = assertThrows(BadRunEvent.class, () -> parse(d));
            assertEquals("workflow_run." + field, refused.field());
            assertTrue(refused.getMessage().startsWith("\"workflow_run." + field + "\" must be"), refused.getMessage());
        }
    }

    /** A conclusion or event that is no text is refused, naming it, not read as absent (which stored a failed run). */
    @Test
    void aConclusionOrEventThatIsNoTextIsRefused() {
        ObjectNode d = delivery(14, "completed", "success");
        ((ObjectNode) d.get("workflow_run")).putObject("conclusion").put("a", 1);
        BadRunEvent refused = assertThrows(BadRunEvent.class, () -> parse(d));
        assertEquals("workflow_run.conclusion", refused.field());
        assertTrue(refused.getMessage().contains("must be GitHub's conclusion (text)"), refused.getMessage());
        ObjectNode e = delivery(15, "completed", "success");
        ((ObjectNode) e.get("workflow_run")).putArray("event").add("push");
        assertEquals(
                "workflow_run.event",
                assertThrows(BadRunEvent.class, () -> parse(e)).field());
        // Absent or null, each is still read as none: a completed run without a conclusion is failed, and says so.
        ObjectNode f = delivery(16, "completed", "success");
        ((ObjectNode) f.get("workflow_run")).putNull("conclusion");
        assertEquals(RunState.FAILED, parse(f).state());
    }

    @Test
    void anActionGitHubMayAddLaterIsKeptAboutNoRun() {
        RunEvent event = parse(delivery(42L, "destroyed", null));
        assertFalse(event.aboutRun());
        assertEquals("workflow_run.destroyed", event.eventType());
        assertEquals("42|1|destroyed", event.dedupKey());
        assertTrue(parse(delivery(42L, "requested", null)).aboutRun());
    }
}
