package dev.interlock.backup;

import java.io.InputStream;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.interlock.errors.ErrorBody;

/**
 * {@code GET /api/catalog/export} (the whole catalog as a zip of YAML files, see {@link CatalogExport}) and
 * {@code POST /api/catalog/import} (such a zip back in, all or nothing, see {@link CatalogImport}). Both need
 * {@code catalog-admin}: an export holds everything, and an import may replace anything.
 */
@Path("/api/catalog")
public class BackupResource {

    /** The zip's media type. */
    public static final String ZIP = "application/zip";

    @Inject
    CatalogExport export;

    @Inject
    CatalogImport importer;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/export")
    @Produces(ZIP)
    @RolesAllowed("catalog-admin")
    public Response export() {
        Archive archive = export.export();
        StreamingOutput zip = out -> ArchiveIo.writeZip(archive, out);
        return Response.ok(zip, ZIP)
                .header("Content-Disposition", "attachment; filename=\"interlock-export.zip\"")
                .build();
    }

    @POST
    @Path("/import")
    @Consumes({ZIP, "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("catalog-admin")
    public CatalogImport.Summary importArchive(InputStream body) {
        return importer.restore(
                importer.io().readZip(body), identity.getPrincipal().getName());
    }

    /** A refused archive: the API's error shape, each problem with its file and line. */
    @ServerExceptionMapper
    public Response rejected(ImportRejected e, HttpServerRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ArchiveProblem p : e.problems()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("name", "InputError");
            error.put("file", p.file());
            error.put("line", p.line());
            error.put("message", p.message());
            errors.add(error);
        }
        String name = switch (e.status()) {
            case 409 -> "ConflictError";
            case 413 -> "PayloadTooLargeError";
            default -> "InputError";
        };
        return ErrorBody.response(e.status(), name, e.getMessage() + "; nothing was imported", errors, request);
    }
}
