package dev.interlock.runs.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.runs.ingest.JobId;

/** The names an unclaimed job's snippet offers: valid entity names, the likeliest first. */
class SuggestedNamesTest {

    private static final List<JobId> JOBS = List.of(
            new JobId("github", "acme/web", ".github/workflows/CI Build.yml", "CI"),
            new JobId("github", "globex/web", ".github/workflows/ci-build.yaml", null),
            new JobId("openlineage", "airflow://prod", "Revenue__DAG.load--", null),
            new JobId("openlineage", "ns", "x".repeat(62) + "-.-yz", null),
            new JobId("openlineage", "ns", "???", null),
            new JobId("cdevents", "https://jenkins.example/job/payments/42/", "payments build", null));

    @Test
    void aJobIsNamedByItsNameInLowerCaseWithRunsOfOtherCharactersAsOneHyphen() {
        assertEquals(
                List.of(
                        "web-ci-build",
                        "web-ci-build",
                        "revenue-dag-load",
                        "x".repeat(62),
                        "pipeline",
                        "payments-build"),
                JOBS.stream().map(Bindings::suggestedName).toList());
    }

    @Test
    void theOtherNamesTellTheJobFromANamesakeAndAreValidEntityNames() {
        assertEquals(
                List.of("web-ci-build", "acme-web-ci-build"),
                Bindings.suggestedNames(JOBS.get(0)).subList(0, 2));
        assertEquals(
                "prod-revenue-dag-load", Bindings.suggestedNames(JOBS.get(2)).get(1));
        for (JobId job : JOBS) {
            List<String> names = Bindings.suggestedNames(job);
            assertEquals(Bindings.suggestedName(job), names.get(0), job.toString());
            assertEquals(names.size(), names.stream().distinct().count(), names.toString());
            for (String name : names) {
                assertTrue(name.length() <= 63 && name.matches("[a-z0-9]+(-[a-z0-9]+)*"), name + " for " + job);
                new EntityRef("component", EntityRef.DEFAULT_NAMESPACE, name);
            }
        }
    }
}
