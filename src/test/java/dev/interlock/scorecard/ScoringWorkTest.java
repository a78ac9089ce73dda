package dev.interlock.scorecard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.interlock.replicas.LockKeys;
import dev.interlock.replicas.SharedDatabase;
import dev.interlock.support.Api;

/**
 * Scoring waits in the database until its results are stored: a registration queues it in its own transaction;
 * work left by a replica that stopped is found and done; doing work again, or reordering a scorecard's checks, writes
 * no second history row; on PostgreSQL, while another replica holds the scorer lock this one leaves the work to it.
 */
@QuarkusTest
class ScoringWorkTest {

    private static final String BASICS = "scorecard:default/service-basics";

    @Inject
    ScorecardService scorecards;

    @Inject
    ScoringWork work;

    @Inject
    SharedDatabase database;

    @Inject
    DataSource dataSource;

    @Test
    void aRegistrationIsScoredOnceAndItsWorkIsDeleted() throws SQLException {
        String ref = registered();
        assertEquals(0, count("SELECT COUNT(*) FROM scoring_work"));
        assertEquals(1, history(ref), "one history row for one registration");
    }

    @Test
    void workLeftInTheDatabaseIsDoneAndDoingItAgainWritesNoSecondHistoryRow() throws SQLException {
        String ref = registered();
        // As a replica killed before it stored the result would leave it: the result gone, the work still queued.
        update("DELETE FROM scorecard_results WHERE entity_ref = ?", ref);
        work.add(ScoringWork.Kind.CHANGE, List.of(ref));
        work.add(ScoringWork.Kind.CHANGE, List.of(ref));
        work.add(ScoringWork.Kind.RUNS, List.of(ref));
        await().atMost(Duration.ofSeconds(20)).until(() -> scorecards.idle() && result(ref) == 1);
        assertEquals(
                2, history(ref), "the lost result is stored again, once, although the work was queued three times");
    }

    @Test
    void checksReorderedInAScorecardWriteNoHistoryRow() throws SQLException {
        String card = Api.unique("reordered");
        String name = Api.unique("reordered-entity");
        String cardRef = "scorecard:default/" + card;
        String ref = "component:default/" + name;
        String first = "{id: first, title: First, level: only, rule: \"true\", why: Because.}";
        String second = "{id: second, title: Second, level: only, rule: \"entity.metadata.name != ''\", why: Too.}";
        String appliesTo = "entity.metadata.name == '" + name + "'";
        Api.register(Api.scorecard(card, appliesTo, first, second)).statusCode(201);
        Api.register(Api.component(name, "group:platform", null)).statusCode(201);
        String results = "SELECT COUNT(*) FROM scorecard_results WHERE scorecard_ref = ? AND entity_ref = ?";
        await().atMost(Duration.ofSeconds(20)).until(() -> scorecards.idle() && count(results, cardRef, ref) == 1);
        // The same checks in another order: the entity passes the same ones and stays at the same level.
        Api.register(Api.scorecard(card, appliesTo, second, first)).statusCode(201);
        String reordered = results + " AND result LIKE '%\"passed\":[\"second\",\"first\"]%'";
        await().atMost(Duration.ofSeconds(20)).until(() -> scorecards.idle() && count(reordered, cardRef, ref) == 1);
        assertEquals(
                1,
                count(
                        "SELECT COUNT(*) FROM scorecard_history WHERE scorecard_ref = ? AND entity_ref = ?",
                        cardRef,
                        ref),
                "the result did not change, so the history did not either");
    }

    @Tag("postgresql")
    @Test
    void whileAnotherReplicaHoldsTheScorerLockThisOneLeavesTheWorkToIt() throws SQLException {
        String ref = registered();
        update("DELETE FROM scorecard_results WHERE entity_ref = ?", ref);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            assertTrue(SharedDatabase.tryTransactionLock(other, LockKeys.SCORER));
            scorecards.rescoreLater(List.of(ref));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> work.pending() == 1 && result(ref) == 0);
            other.commit();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> scorecards.idle() && result(ref) == 1);
    }

    /** Registers a service and waits until it is scored; returns its reference. */
    private String registered() {
        String name = Api.unique("scored");
        Api.register(Api.component(name, "group:platform", null)).statusCode(201);
        String ref = "component:default/" + name;
        await().atMost(Duration.ofSeconds(20)).until(() -> scorecards.idle() && result(ref) == 1);
        return ref;
    }

    private long result(String ref) throws SQLException {
        return count(
                "SELECT COUNT(*) FROM scorecard_results WHERE scorecard_ref = '" + BASICS + "' AND entity_ref = ?",
                ref);
    }

    private long history(String ref) throws SQLException {
        return count(
                "SELECT COUNT(*) FROM scorecard_history WHERE scorecard_ref = '" + BASICS + "' AND entity_ref = ?",
                ref);
    }

    private long count(String sql, String... params) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void update(String sql, String param) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            ps.executeUpdate();
        }
    }
}
