package dev.interlock.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.interlock.replicas.SharedDatabase;
import dev.interlock.runs.derive.HealthService;
import dev.interlock.security.LocalAccounts;
import dev.interlock.sql.Jdbc;

/**
 * Run changes between replicas on a shared database (PostgreSQL): a replica that committed runs tells the others which
 * pipelines they belong to ({@code NOTIFY interlock_runs}), and each replica forgets the health figures it keeps of
 * the pipelines another one names ({@code LISTEN}), so they are computed again at the next read. After its listening
 * connection is lost and made again, a replica forgets every figure (notices may have been missed meanwhile).
 * Nothing happens on the embedded H2 database (one process).
 */
@ApplicationScoped
public class RunNotices {

    static final String CHANNEL = "interlock_runs";
    private static final Logger LOG = Logger.getLogger(RunNotices.class);
    /** PostgreSQL takes payloads under 8000 bytes; references are split over several notices. */
    private static final int PAYLOAD = 7_000;

    @Inject
    DataSource dataSource;

    @Inject
    SharedDatabase database;

    @Inject
    Instance<HealthService> health;

    /** This replica's name in its notices, so that it skips its own. */
    private final String origin = UUID.randomUUID().toString();

    private volatile boolean stopping;
    private Thread listener;

    void onStart(@Observes StartupEvent event) {
        // The command line's export and import only send (an import's runs); listening, they would hold a connection
        // the pool closes under them as they stop, which it warned of after every successful command.
        if (database.shared() && !Boolean.getBoolean(LocalAccounts.COMMAND)) {
            listener = new Thread(this::listen, "interlock-run-notices");
            listener.setDaemon(true);
            listener.start();
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** Tells the other replicas that these pipelines' runs changed (committed). */
    void send(Collection<String> pipelines) {
        if (!database.shared() || pipelines.isEmpty()) {
            return;
        }
        try {
            Jdbc.run(dataSource, "run notice", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                    for (String payload : payloads(origin, pipelines)) {
                        Jdbc.bind(ps, List.of(payload), 1);
                        ps.execute();
                    }
                }
                return null;
            });
        } catch (IllegalStateException e) {
            LOG.warnf(
                    "Other replicas were not told of run changes to %d pipelines: %s",
                    pipelines.size(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    /** Notices of at most {@link #PAYLOAD} characters: the origin, then references, one per line. */
    static List<String> payloads(String origin, Collection<String> refs) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder(origin);
        for (String ref : refs) {
            if (current.length() + 1 + ref.length() > PAYLOAD && current.length() > origin.length()) {
                out.add(current.toString());
                current = new StringBuilder(origin);
            }
            current.append('\n').append(ref);
        }
        out.add(current.toString());
        return out;
    }

    private void listen() {
        while (!stopping) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
                health.get().invalidateAll();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!stopping) {
                    PGNotification[] notices = pg.getNotifications(1_000);
                    for (PGNotification n : notices == null ? new PGNotification[0] : notices) {
                        received(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopping) {
                    LOG.warnf(
                            "Listening for other replicas' run changes failed (%s); listening again in 1 s",
                            e.getMessage());
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
            }
        }
    }

    private void received(String payload) {
        List<String> lines = Arrays.asList(payload.split("\n"));
        if (!lines.isEmpty() && !lines.get(0).equals(origin)) {
            health.get().invalidate(lines.subList(1, lines.size()));
        }
    }
}
