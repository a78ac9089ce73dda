package dev.interlock.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is signed in, for the layout ({@code inject:currentUser}). */
@Named("currentUser")
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    /** Whether the user may register and change entities. */
    public boolean isEditor() {
        return dev.interlock.security.Roles.canWrite(identity);
    }

    public String getName() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }
}
