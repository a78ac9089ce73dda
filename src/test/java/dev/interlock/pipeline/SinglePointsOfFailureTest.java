package dev.interlock.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Node;
import dev.interlock.model.PipelineSpec;
import dev.interlock.pipeline.SinglePointsOfFailure.Reason;

/** The single-point-of-failure rule, read from the typed block (a missing block reads as empty). */
class SinglePointsOfFailureTest {

    /** The reasons of a block whose maintainers are all in the catalog. */
    private static List<Reason> of(Map<String, Object> block) {
        PipelineSpec pipeline = PipelineSpec.of(Node.of(block));
        return SinglePointsOfFailure.of(pipeline, pipeline.maintainers().size());
    }

    @Test
    void aMissingBlockHasNoMaintainerAndNoRunbook() {
        assertEquals(
                List.of(Reason.NO_MAINTAINER, Reason.NO_RUNBOOK),
                SinglePointsOfFailure.of(PipelineSpec.of(Node.MISSING), 0));
        assertEquals(List.of(Reason.NO_MAINTAINER, Reason.NO_RUNBOOK), of(Map.of()));
    }

    @Test
    void oneMaintainerABlankRunbookAndAPersonalIdentityAreEachAReason() {
        assertEquals(
                List.of(Reason.ONE_MAINTAINER, Reason.NO_RUNBOOK, Reason.PERSONAL_IDENTITY),
                of(Map.of("maintainers", List.of("user:ann"), "runbook", " ", "runsAs", "User:ann")));
    }

    @Test
    void twoMaintainersARunbookAndAServiceAccountSurvive() {
        assertEquals(
                List.of(),
                of(Map.of(
                        "maintainers",
                        List.of("user:ann", "user:bo"),
                        "runbook",
                        "https://wiki/runbook",
                        "runsAs",
                        "service-account")));
    }

    @Test
    void onlyMaintainersInTheCatalogCount() {
        PipelineSpec pipeline = PipelineSpec.of(Node.of(
                Map.of("maintainers", List.of("user:ann", "user:anne-typo"), "runbook", "https://wiki/runbook")));
        assertEquals(List.of(Reason.ONE_MAINTAINER), SinglePointsOfFailure.of(pipeline, 1));
        assertEquals(List.of(Reason.NO_MAINTAINER), SinglePointsOfFailure.of(pipeline, 0));
        assertEquals(List.of(), SinglePointsOfFailure.of(pipeline, 2));
    }

    @Test
    void failuresOnePersonAloneRestoredAreAReasonAfterThoseOfTheDescriptor() {
        PipelineSpec pipeline = PipelineSpec.of(Node.of(Map.of(
                "maintainers", List.of("user:ann", "user:bo"), "runbook", "https://wiki/runbook", "runsAs", "svc")));
        assertEquals(List.of(Reason.SOLE_RESTORER), SinglePointsOfFailure.of(pipeline, 2, true));
        assertEquals(List.of(), SinglePointsOfFailure.of(pipeline, 2, false));
        assertEquals(List.of(Reason.ONE_MAINTAINER, Reason.SOLE_RESTORER), SinglePointsOfFailure.of(pipeline, 1, true));
    }

    @Test
    void theSoleRestorerIsOnePersonHoweverTheirNameIsWritten() {
        assertEquals(
                Optional.of(EntityRef.ofCanonical("user:default/carol")),
                SinglePointsOfFailure.soleRestorer(
                        List.of("user:carol", "user:default/carol", "carol", "User:Default/Carol")));
        assertEquals(
                Optional.of(EntityRef.ofCanonical("user:ops/dana")),
                SinglePointsOfFailure.soleRestorer(List.of("user:ops/dana")));
        // Nobody named, two people, a group, or a name that is no reference: nobody alone.
        assertEquals(Optional.empty(), SinglePointsOfFailure.soleRestorer(List.of()));
        assertEquals(Optional.empty(), SinglePointsOfFailure.soleRestorer(List.of("user:carol", "user:dana")));
        assertEquals(Optional.empty(), SinglePointsOfFailure.soleRestorer(List.of("group:on-call")));
        assertEquals(Optional.empty(), SinglePointsOfFailure.soleRestorer(List.of("user:")));
    }
}
