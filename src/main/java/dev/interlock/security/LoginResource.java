package dev.interlock.security;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Local mode's sign-in page (the form posts to Quarkus's {@code /j_security_check}) and sign-out, which drops the
 * encrypted session cookie.
 */
@Path("/")
public class LoginResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean demo);
    }

    @Inject
    SecurityConfig config;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String cookieName;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Object login(@QueryParam("error") String error) {
        if (config.oidc()) {
            // Single sign-on: the start page is protected, so going there signs people in at the provider.
            return Response.seeOther(URI.create("/")).build();
        }
        return Templates.login(error != null, config.demoAccounts());
    }

    @POST
    @Path("logout")
    public Response logout() {
        NewCookie expired = new NewCookie.Builder(cookieName).path("/").maxAge(0).value("").httpOnly(true).build();
        return Response.seeOther(URI.create("/")).cookie(expired).build();
    }
}
