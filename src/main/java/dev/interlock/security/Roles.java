package dev.interlock.security;

import java.util.LinkedHashSet;
import java.util.Set;

/** The catalog's roles. Each role includes those below it: admin ⊃ editor ⊃ viewer. */
public final class Roles {

    public static final String VIEWER = "catalog-viewer";
    public static final String EDITOR = "catalog-editor";
    public static final String ADMIN = "catalog-admin";

    private Roles() {
    }

    /** The roles granted, with the roles they include. */
    public static Set<String> expand(Iterable<String> granted) {
        Set<String> out = new LinkedHashSet<>();
        for (String role : granted) {
            out.add(role);
            if (ADMIN.equals(role)) {
                out.add(EDITOR);
                out.add(VIEWER);
            } else if (EDITOR.equals(role)) {
                out.add(VIEWER);
            }
        }
        return out;
    }
}
