package dev.interlock.registration;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;

/**
 * Registers a small body of every common kind as a dry run while the server starts, before it takes requests.
 *
 * <p>The first registration after a start otherwise pays for one-time setup: compiling the kind schemas, loading the
 * kind rules, Hibernate interpreting its lookup, loading a few hundred classes. That was about a third of the first
 * 1,000-document body's time in {@code bench/run.sh} (0.6 s of kind rules and schemas, 0.5 s of the lookup).
 *
 * <p>Then, unless {@code interlock.registration.warmup-documents} is 0, it stores about that many copies of the same
 * body in one transaction and rolls it back, so that the store's path (Hibernate's flush, the search and relation
 * rows, the database driver) is compiled by the JIT before the first real registration rather than during it: on
 * PostgreSQL the first 1,000-document body of {@code bench/run.sh} took 0.60–0.75 s instead of 1.05–1.17 s. Nothing is stored,
 * nothing is counted and no change is announced (the transaction never commits); a failure is logged and the server
 * starts anyway.
 */
@ApplicationScoped
public class RegistrationWarmup {

    private static final Logger LOG = Logger.getLogger(RegistrationWarmup.class);

    /** One entity of each kind a catalog is mostly made of, with the references that make relations. */
    static final String BODY = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: warmup-service
              tags: [java]
              annotations:
                github.com/project-slug: example/warmup
            spec:
              type: service
              lifecycle: production
              owner: group:warmup-team
              system: warmup-system
              dependsOn: [component:warmup-library, resource:warmup-db]
              providesApis: [warmup-api]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata:
              name: warmup-api
            spec:
              type: openapi
              lifecycle: production
              owner: group:warmup-team
              definition: "openapi: 3.0.0"
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata:
              name: warmup-db
            spec:
              type: database
              owner: group:warmup-team
              system: warmup-system
            ---
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata:
              name: warmup-system
            spec:
              owner: group:warmup-team
              domain: warmup-domain
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Domain
            metadata:
              name: warmup-domain
            spec:
              owner: group:warmup-team
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: warmup-team
            spec:
              type: team
              children: []
              members: [warmup-user]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata:
              name: warmup-user
            spec:
              memberOf: [group:warmup-team]
            """;

    /** Documents in {@link #BODY}. */
    static final int BODY_DOCUMENTS = 7;

    @Inject
    RegistrationService registration;

    @Inject
    RegistrationConfig config;

    @Inject
    TransactionManager transactions;

    void onStart(@Observes StartupEvent event) {
        try {
            long start = System.nanoTime();
            int documents = run().size() + rehearse(config.warmupDocuments());
            LOG.debugf(
                    "Registration warmed up: %d documents in %d ms",
                    documents, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("Registration warm-up failed (the first registration will be slower): %s", e.toString());
        }
    }

    /**
     * Stores copies of {@link #BODY} under names of their own (about {@code documents} in all) and rolls them back.
     *
     * @return how many documents were stored and rolled back
     */
    int rehearse(int documents) {
        int copies = documents / BODY_DOCUMENTS;
        if (copies == 0) {
            return 0;
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < copies; i++) {
            body.append(BODY.replace("warmup-", "warmup-" + i + "-")).append("---\n");
        }
        String text = body.toString();
        List<Descriptor> parsed = registration.reader(text.length()).read(text, DescriptorReader.Format.YAML, null);
        try {
            transactions.begin();
            try {
                registration.store(parsed, ExampleCatalogLoader.ACTOR, ChangePermission.SYSTEM);
            } catch (RuntimeException e) {
                try {
                    transactions.rollback();
                } catch (SystemException | RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            transactions.rollback();
        } catch (SystemException | NotSupportedException e) {
            throw new IllegalStateException("no transaction for the warm-up", e);
        }
        return parsed.size();
    }

    /** Registers {@link #BODY} as a dry run; returns what each document would have done. */
    List<Outcome> run() {
        DescriptorReader reader = registration.reader(BODY.length());
        return registration.register(
                reader.read(BODY, DescriptorReader.Format.YAML, null),
                ExampleCatalogLoader.ACTOR,
                ChangePermission.SYSTEM,
                null,
                true);
    }
}
