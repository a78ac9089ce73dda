package dev.interlock.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    public Response export() throws IOException {
        byte[] zip = oneAtATime(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ArchiveIo.writeZip(export.export(), out);
            return out.toByteArray();
        });
        return Response.ok(zip, ZIP)
                .header("Content-Disposition", "attachment; filename=\"interlock-export.zip\"")
                .build();
    }

    /**
     * Exports and imports hold a whole archive in memory: one at a time per server, so that several at once cannot
     * take more heap than there is (four exports of 20,000 entities at once ran a 256 MB heap out). Another one asked
     * meanwhile is refused with 429 and asked to come back.
     */
    private static final Semaphore ONE_AT_A_TIME = new Semaphore(1);

    private interface Work<T> {
        T run() throws IOException;
    }

    private static <T> T oneAtATime(Work<T> work) throws IOException {
        if (!ONE_AT_A_TIME.tryAcquire()) {
            throw new Busy();
        }
        try {
            return work.run();
        } finally {
            ONE_AT_A_TIME.release();
        }
    }

    /** Another export or import is running on this server. */
    static final class Busy extends RuntimeException {
        Busy() {
            super(
                    "another export or import is running on this server; try again when it has finished",
                    null,
                    false,
                    false);
        }
    }

    @ServerExceptionMapper
    public Response busy(Busy e, HttpServerRequest request) {
        return Response.fromResponse(ErrorBody.response(429, "TooManyRequestsError", e.getMessage(), null, request))
                .header("Retry-After", "10")
                .build();
    }

    @POST
    @Path("/import")
    @Consumes({ZIP, "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("catalog-admin")
    public CatalogImport.Summary importArchive(byte[] body) throws IOException {
        // The body is read whole (at most quarkus.http.limits.max-body-size) before the slot is taken: a slow upload
        // does not hold it.
        return oneAtATime(() -> importer.restore(
                importer.io().readZip(new ByteArrayInputStream(body)),
                identity.getPrincipal().getName()));
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
