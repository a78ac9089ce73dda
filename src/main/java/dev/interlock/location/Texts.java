package dev.interlock.location;

/** Decoding read files and wording errors for people. */
final class Texts {

    private Texts() {}

    /** The bytes as UTF-8 text; anything else (binary, another encoding, NUL characters) is a read failure. */
    static String decode(String file, byte[] bytes) {
        try {
            return dev.interlock.descriptor.DescriptorText.decode(bytes, file, "it must be a text file in UTF-8");
        } catch (IllegalArgumentException e) {
            throw new ReadFailure(file, e.getMessage());
        }
    }

    /** A short reason for an I/O error, without class names. */
    static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException || (m != null && m.contains("Connection refused"))) {
            return "connection refused";
        }
        if (e instanceof java.nio.channels.UnresolvedAddressException || e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        return m == null || m.isBlank()
                ? "I/O error"
                : m.replaceAll("[a-z]+(\\.[a-zA-Z]+)+Exception:?", "").trim();
    }
}
