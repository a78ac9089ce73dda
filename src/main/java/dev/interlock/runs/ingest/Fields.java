package dev.interlock.runs.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the fields of an event's JSON tree, with errors that name the field. */
final class Fields {

    private Fields() {}

    /** The node at a dotted path, or a missing node. */
    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    /** A non-empty string at a path. */
    static String required(JsonNode root, String path) {
        JsonNode node = at(root, path);
        if (node.isMissingNode() || node.isNull()) {
            throw new BadRunEvent(path, "\"" + path + "\" is required");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new BadRunEvent(path, "\"" + path + "\" must be a non-empty string");
        }
        return node.asText();
    }

    /** Longest run id kept (the runs table's column). */
    static final int MAX_RUN_ID = 300;
    /**
     * Longest event id or source kept where an event is recognised by both (CDEvents' {@code context}): together
     * they fit the 700 characters of the run events' dedup key.
     */
    static final int MAX_EVENT_ID = 300;
    /** Longest job namespace or name kept (the runs table's columns). */
    static final int MAX_JOB_PART = 500;

    /** A non-empty string at a path, at most {@code max} characters long. */
    static String required(JsonNode root, String path, int max) {
        return bounded(required(root, path), path, max);
    }

    /** The text, when it is at most {@code max} characters long. */
    static String bounded(String text, String path, int max) {
        if (text != null && text.length() > max) {
            throw new BadRunEvent(
                    path, "\"" + path + "\" is " + text.length() + " characters long; at most " + max + " are kept");
        }
        return text;
    }

    /** A string at a path, or {@code null} when absent (numbers are turned into text). */
    static String optional(JsonNode root, String path) {
        JsonNode node = at(root, path);
        if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    /**
     * A string at a path, or {@code null} when absent or blank; an object, array or other value where the producer's
     * schema has a string is refused, naming the path and what belongs there ({@code what}), rather than read as absent
     * (a conclusion sent as an object would store a failed run).
     */
    static String optionalText(JsonNode root, String path, String what) {
        JsonNode node = at(root, path);
        if (!node.isMissingNode() && !node.isNull() && !node.isTextual()) {
            throw new BadRunEvent(
                    path, "\"" + path + "\" must be " + what + " (text), found " + shorten(node.toString()));
        }
        return optional(root, path);
    }

    /** An object at a path; absent or not an object gives {@code null}. */
    static JsonNode object(JsonNode root, String path) {
        JsonNode node = at(root, path);
        return node.isObject() ? node : null;
    }

    /** A required timestamp. */
    static Instant requiredTime(JsonNode root, String path) {
        return time(required(root, path), path);
    }

    /** An optional timestamp; a present but invalid one is an error. */
    static Instant optionalTime(JsonNode root, String path) {
        String text = optional(root, path);
        return text == null ? null : time(text, path);
    }

    /** Earliest time an event may carry: no CI or data tool reports runs from before the Unix epoch. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** Latest time an event may carry (dates past it do not fit the databases' timestamp types). */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * An ISO-8601 date-time with an offset (or zone id); one without is taken as UTC. From 1970 to 9999, to the
     * microsecond.
     */
    static Instant time(String text, String path) {
        Instant time;
        try {
            time = ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                time = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new BadRunEvent(
                        path,
                        "\"" + path + "\" must be an ISO-8601 date-time such as " + "2025-06-01T08:00:00Z, found \""
                                + shorten(text) + "\"");
            }
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new BadRunEvent(
                    path, "\"" + path + "\" must be a date-time from 1970 to 9999, found \"" + shorten(text) + "\"");
        }
        // To the microsecond, as both databases keep it: a time compared with a stored one is the time it was stored
        // as (Go's and .NET's producers send nanoseconds, which H2 and PostgreSQL round).
        return time.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** At most 2,000 characters of a text (URLs, error messages). */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        // Never half of a surrogate pair at the cut: it could not be written out as UTF-8 again.
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /**
     * A message cut to at most {@code max} characters, ending in "…" when it was cut, so that nobody takes the cut
     * text for the whole message.
     */
    static String clipMessage(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return clip(text, max - 1) + "…";
    }

    /** The SHA-256 of a text, in hex. */
    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String shorten(String text) {
        return dev.interlock.errors.Echo.shortened(text);
    }
}
