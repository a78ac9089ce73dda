package dev.interlock.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The JSON library's refusals, as a sender reads them: what is wrong, without the library's switches and limits. */
class JsonReasonsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLibrarysWordsBecomeTheSendersWords() {
        assertEquals("comments are not allowed in JSON", reason("/*c*/ {}"));
        assertEquals(
                "the name \"eventType\" appears twice in one object", reason("{\"eventType\": 1, \"eventType\": 2}"));
        assertEquals(
                "a number, name or text in it is longer than allowed", reason("{\"n\": " + "9".repeat(2000) + "}"));
        assertEquals("NaN and Infinity are not numbers in JSON", reason("{\"n\": NaN}"));
        assertEquals(
                "a number, name or text in it is longer than allowed", reason("{\"" + "n".repeat(60_000) + "\": 1}"));
        assertEquals(
                "the name \"" + "d".repeat(60) + "…\" appears twice in one object",
                reason("{\"" + "d".repeat(70) + "\": 1, \"" + "d".repeat(70) + "\": 2}"));
    }

    private static String reason(String body) {
        JsonProcessingException e = assertThrows(
                JsonProcessingException.class,
                () -> JSON.reader()
                        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .readTree(body));
        return JsonReasons.of(e.getOriginalMessage());
    }
}
