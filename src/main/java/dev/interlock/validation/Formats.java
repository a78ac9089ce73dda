package dev.interlock.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.interlock.model.Node;

/**
 * Backstage's field formats ({@code KubernetesValidatorFunctions} and {@code FieldFormatEntityPolicy}), each with
 * the exact expectation text Backstage prints, so that messages read the same as in Backstage.
 */
public enum Formats {
    OBJECT_NAME(
            "a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total",
            Formats::isValidObjectName),
    NAMESPACE(
            "a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total",
            Formats::isValidDnsLabel),
    KIND("a string that is a sequence of [a-zA-Z][a-z0-9A-Z], at most 63 characters in total", Formats::isValidKind),
    API_VERSION("a valid prefix and/or suffix", Formats::isValidApiVersion),
    LABEL_KEY("a valid prefix and/or suffix", Formats::isValidLabelKey),
    LABEL_VALUE(
            "a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total",
            v -> v.isEmpty() || isValidObjectName(v)),
    ANNOTATION_KEY("a valid prefix and/or suffix", Formats::isValidLabelKey),
    TAG(
            "a string that is sequences of [a-z0-9+#] separated by [-], at most 63 characters in total",
            Formats::isValidTag),
    URL("a string that is a valid url", Formats::isValidUrl),
    NON_EMPTY("a non empty string", v -> !v.isEmpty());

    private static final Pattern OBJECT_NAME_RE = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern DNS_LABEL_RE = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
    private static final Pattern KIND_RE = Pattern.compile("^[a-zA-Z][a-z0-9A-Z]*$");
    private static final Pattern API_VERSION_SUFFIX_RE = Pattern.compile("^[a-z0-9A-Z]+$");
    private static final Pattern TAG_RE = Pattern.compile("^[a-z0-9+#]+(?:-[a-z0-9+#]+)*$");
    private static final Pattern SCHEME_RE = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*$");

    private final String expectation;
    private final Predicate<String> test;

    Formats(String expectation, Predicate<String> test) {
        this.expectation = expectation;
        this.test = test;
    }

    /** The words Backstage uses for what was expected. */
    public String expectation() {
        return expectation;
    }

    /** Whether a value has this format; anything that is not a string never has. */
    public boolean accepts(Object value) {
        String text = Node.of(value).text();
        return text != null && test.test(text);
    }

    public static boolean isValidObjectName(String v) {
        return v.length() >= 1 && v.length() <= 63 && OBJECT_NAME_RE.matcher(v).matches();
    }

    public static boolean isValidDnsLabel(String v) {
        return v.length() >= 1 && v.length() <= 63 && DNS_LABEL_RE.matcher(v).matches();
    }

    public static boolean isValidDnsSubdomain(String v) {
        if (v.isEmpty() || v.length() > 253) {
            return false;
        }
        for (String part : v.split("\\.", -1)) {
            if (!isValidDnsLabel(part)) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidKind(String v) {
        return v.length() >= 1 && v.length() <= 63 && KIND_RE.matcher(v).matches();
    }

    static boolean isValidApiVersion(String v) {
        return prefixAndOrSuffix(
                v,
                Formats::isValidDnsSubdomain,
                s -> s.length() >= 1
                        && s.length() <= 63
                        && API_VERSION_SUFFIX_RE.matcher(s).matches());
    }

    static boolean isValidLabelKey(String v) {
        return prefixAndOrSuffix(v, Formats::isValidDnsSubdomain, Formats::isValidObjectName);
    }

    static boolean isValidTag(String v) {
        return v.length() >= 1 && v.length() <= 63 && TAG_RE.matcher(v).matches();
    }

    /** A URL with a scheme, as the WHATWG {@code new URL(...)} Backstage uses would accept. */
    public static boolean isValidUrl(String v) {
        try {
            URI uri = new URI(v);
            return uri.getScheme() != null
                    && SCHEME_RE.matcher(uri.getScheme()).matches()
                    && (uri.isOpaque() || uri.getHost() != null || "file".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An absolute http or https URL: the only links Interlock ever makes clickable. */
    public static boolean isHttpUrl(String v) {
        if (!isValidUrl(v)) {
            return false;
        }
        String scheme = URI.create(v).getScheme().toLowerCase();
        return scheme.equals("http") || scheme.equals("https");
    }

    private static boolean prefixAndOrSuffix(String v, Predicate<String> prefix, Predicate<String> suffix) {
        String[] parts = v.split("/", -1);
        if (parts.length == 1) {
            return suffix.test(parts[0]);
        }
        if (parts.length == 2) {
            return prefix.test(parts[0]) && suffix.test(parts[1]);
        }
        return false;
    }
}
