package dev.interlock.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.DescriptorSyntaxException;
import dev.interlock.descriptor.DescriptorText;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.registration.ConflictException;
import dev.interlock.registration.Outcome;
import dev.interlock.registration.RegistrationRejected;
import dev.interlock.registration.RegistrationService;
import dev.interlock.validation.Problem;

/**
 * Registering by YAML in the browser ({@code /register}): paste or upload, see a preview of what would be created
 * or updated and every error next to its line, then confirm. Editors only; every form carries a CSRF token.
 */
@Path("/register")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"catalog-editor", "catalog-admin"})
public class RegisterPage {

    /** One line of the submitted YAML, with the errors that point at it; {@code gapBefore}: lines were left out. */
    public record Line(int number, String text, List<String> errors, boolean gapBefore) {}

    /**
     * How many entities the last registration created, updated and left as they were; the entity when there was one.
     */
    public record Registered(int created, int updated, int unchanged, EntityRef entity) {}

    /** What a preview or a registration found. */
    public record Result(
            List<Outcome> outcomes,
            Map<String, String> versions,
            List<Line> lines,
            List<String> generalErrors,
            int errorCount) {

        public boolean isValid() {
            return errorCount == 0;
        }

        /** The confirm form's field of the versions this preview was made against ({@link PreviewedVersions}). */
        public String previewed() {
            return PreviewedVersions.encode(versions);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String yaml, Registered done);

        static native TemplateInstance preview(String yaml, Result result, boolean failedOnConfirm);
    }

    @Inject
    RegistrationService registration;

    @Inject
    SecurityIdentity identity;

    @Inject
    EntityViews views;

    @Inject
    dev.interlock.registration.ChangePermission permission;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @GET
    public TemplateInstance form(
            @QueryParam("created") String created,
            @QueryParam("updated") String updated,
            @QueryParam("unchanged") String unchanged,
            @QueryParam("entity") String entity) {
        // The counts come from the redirect after a registration; anything else in the address shows no summary.
        int c = number(created);
        int u = number(updated);
        int n = number(unchanged);
        boolean any = c > 0 || u > 0 || n > 0;
        return Templates.form(
                "", any ? new Registered(Math.max(c, 0), Math.max(u, 0), Math.max(n, 0), ref(entity)) : null);
    }

    /**
     * The entity named in the address after a registration of one, or {@code null}: none, not a reference, or not in
     * the catalog (the address is anyone's to write).
     */
    private EntityRef ref(String text) {
        try {
            EntityRef ref = text == null || text.isBlank() ? null : EntityRef.ofCanonical(text);
            return ref != null && views.byRef(ref).isPresent() ? ref : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int number(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Dry run: what would happen, and what is wrong where. Nothing is stored. */
    @POST
    @Path("preview")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    public Response preview(@RestForm String yaml, @RestForm("file") FileUpload file) throws IOException {
        String text = text(yaml, file);
        Result result = run(text, true, Map.of());
        return Response.status(result.isValid() ? 200 : 400)
                .entity(Templates.preview(text, result, false))
                .build();
    }

    /** Registers for real, then sends the browser to a page that says what happened (post/redirect/get). */
    @POST
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    public Response register(@RestForm String yaml, @RestForm String previewed) {
        String text = yaml == null ? "" : yaml;
        Result result = run(text, false, PreviewedVersions.decode(previewed));
        if (!result.isValid()) {
            return Response.status(400)
                    .entity(Templates.preview(text, result, true))
                    .build();
        }
        long created = count(result, "created");
        long updated = count(result, "updated");
        long unchanged = count(result, "unchanged");
        String entity = result.outcomes().size() == 1
                ? "&entity=" + URLEncoder.encode(result.outcomes().get(0).ref(), StandardCharsets.UTF_8)
                : "";
        return Response.seeOther(URI.create(
                        "/register?created=" + created + "&updated=" + updated + "&unchanged=" + unchanged + entity))
                .build();
    }

    private static long count(Result result, String action) {
        return result.outcomes().stream().filter(o -> o.action().equals(action)).count();
    }

    private static String text(String yaml, FileUpload file) throws IOException {
        if (file != null && file.uploadedFile() != null && Files.size(file.uploadedFile()) > 0) {
            try {
                return DescriptorText.decode(
                        Files.readAllBytes(file.uploadedFile()),
                        "The uploaded file",
                        "upload a YAML file encoded as UTF-8.");
            } catch (IllegalArgumentException e) {
                throw new jakarta.ws.rs.BadRequestException(e.getMessage());
            }
        }
        return yaml == null ? "" : yaml;
    }

    private Result run(String text, boolean dryRun, Map<String, String> previewed) {
        List<Problem> problems = new ArrayList<>();
        List<String> general = new ArrayList<>();
        List<Outcome> outcomes = List.of();
        Map<String, String> versions = Map.of();
        try {
            String actor = identity.getPrincipal().getName();
            List<Descriptor> documents = registration
                    .reader(maxBodySize.asLongValue())
                    .read(text, DescriptorReader.Format.YAML, "api:" + actor);
            if (documents.isEmpty()) {
                general.add("There is no entity in this text. Paste one or more YAML documents.");
            } else if (dryRun) {
                RegistrationService.Preview preview = registration.preview(documents, actor, permission);
                outcomes = preview.outcomes();
                versions = preview.versions();
            } else {
                outcomes = registration.register(documents, actor, permission, null, previewed, false);
            }
        } catch (RegistrationRejected e) {
            problems.addAll(e.errors());
        } catch (DescriptorSyntaxException e) {
            String where = e.document() > 0 ? "document " + e.document() + ": " : "";
            if (e.position() == null) {
                general.add(where + e.getMessage());
            } else {
                problems.add(new Problem(
                        Problem.Severity.ERROR,
                        e.document(),
                        e.position().line(),
                        e.position().column(),
                        null,
                        where + e.getMessage()));
            }
        } catch (ConflictException | dev.interlock.registration.NotAllowedException e) {
            general.add(e.getMessage());
        }
        return new Result(
                outcomes, versions, lines(text, problems, general), general, problems.size() + general.size());
    }

    /** Lines shown around each error, before and after it. */
    private static final int CONTEXT = 2;

    /**
     * The lines near errors, each error under the line it names (errors without a line go on top). The whole text is
     * shown once, in the form's text area; only the lines that need attention are repeated here.
     */
    private static List<Line> lines(String text, List<Problem> problems, List<String> general) {
        String[] split =
                text.endsWith("\n") ? text.substring(0, text.length() - 1).split("\\R", -1) : text.split("\\R", -1);
        Map<Integer, List<String>> byLine = new LinkedHashMap<>();
        for (Problem p : problems) {
            if (p.line() == null || p.line() < 1 || p.line() > split.length) {
                general.add(p.message());
            } else {
                // Shown under its line: the "document N (line L): " in front would only repeat where it is.
                byLine.computeIfAbsent(p.line(), k -> new ArrayList<>())
                        .add(p.message().replaceFirst("^document \\d+ \\(line \\d+(, column \\d+)?\\): ", ""));
            }
        }
        java.util.TreeSet<Integer> shown = new java.util.TreeSet<>();
        for (int line : byLine.keySet()) {
            for (int n = Math.max(1, line - CONTEXT); n <= Math.min(split.length, line + CONTEXT); n++) {
                shown.add(n);
            }
        }
        List<Line> out = new ArrayList<>();
        int previous = 0;
        for (int n : shown) {
            out.add(new Line(n, split[n - 1], byLine.getOrDefault(n, List.of()), previous > 0 && n > previous + 1));
            previous = n;
        }
        return out;
    }
}
