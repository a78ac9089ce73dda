package dev.interlock.security;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The catalog's roles. Each role includes those below it: admin ⊃ editor ⊃ viewer; editors and admins also include
 * run-reporter (sending run events), which alone reads nothing.
 */
public final class Roles {

    public static final String VIEWER = "catalog-viewer";
    public static final String EDITOR = "catalog-editor";
    public static final String ADMIN = "catalog-admin";
    /** May send run events (OpenLineage, CDEvents); nothing else. */
    public static final String RUN_REPORTER = "run-reporter";

    /** The roles above: the only ones the catalog gives rights for. */
    public static final Set<String> CATALOG = Set.of(VIEWER, EDITOR, ADMIN, RUN_REPORTER);

    private Roles() {}

    /** Whether an identity may read (any catalog role: each includes reading). */
    public static boolean canRead(io.quarkus.security.identity.SecurityIdentity identity) {
        return identity.hasRole(VIEWER) || identity.hasRole(EDITOR) || identity.hasRole(ADMIN);
    }

    /** Whether an identity may register (editor, or admin which includes it). */
    public static boolean canWrite(io.quarkus.security.identity.SecurityIdentity identity) {
        return identity.hasRole(EDITOR) || identity.hasRole(ADMIN);
    }

    /** The roles granted, with the roles they include. */
    public static Set<String> expand(Iterable<String> granted) {
        Set<String> out = new LinkedHashSet<>();
        for (String role : granted) {
            out.add(role);
            if (ADMIN.equals(role)) {
                out.add(EDITOR);
                out.add(VIEWER);
                out.add(RUN_REPORTER);
            } else if (EDITOR.equals(role)) {
                out.add(VIEWER);
                out.add(RUN_REPORTER);
            }
        }
        return out;
    }
}
