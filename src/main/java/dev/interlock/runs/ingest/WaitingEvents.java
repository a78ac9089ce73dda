package dev.interlock.runs.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

/**
 * Reads back a CDEvents task run that was kept raw while its pipeline run was unknown. Its body is the CDEvent as it
 * was accepted, so it parses as it did then; a body that no longer does (edited in an archive by hand) stays waiting
 * rather than failing the events that would fold it.
 */
final class WaitingEvents {

    private static final Logger LOG = Logger.getLogger(WaitingEvents.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private WaitingEvents() {}

    /** The task run a waiting row holds, or {@code null} when its body no longer reads as one. */
    static RunEvent parse(String dedupKey, String body) {
        RunEvent e;
        try {
            e = body == null ? null : new CDEventsParser().parse(JSON.readTree(body));
        } catch (JsonProcessingException | BadRunEvent bad) {
            e = null;
        }
        if (e != null && e.parentRunId() != null && e.job().name().startsWith("taskrun:")) {
            return e;
        }
        LOG.warnf(
                "run event %s waits for its pipeline run but no longer reads as a task run; left as it is",
                dev.interlock.errors.Echo.quoted(dedupKey));
        return null;
    }
}
