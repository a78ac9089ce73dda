package dev.interlock.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Where {@link DescriptorText} says bytes stop being text: as an editor shows the place, which does not count the byte
 * order mark a Windows editor writes at the start of a file (nor do the YAML and JSON readers' places).
 */
class DescriptorTextTest {

    private static byte[] withByteOrderMark(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static Position refusedAt(byte[] bytes) {
        return assertThrows(NotTextException.class, () -> DescriptorText.decode(bytes))
                .position();
    }

    @Test
    void aNulOnTheFirstLineAfterAByteOrderMarkIsAtTheColumnAnEditorShows() {
        assertEquals(new Position(1, 8), refusedAt(withByteOrderMark("name: a\0b\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals(new Position(2, 3), refusedAt(withByteOrderMark("a: b\nc:\0\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aByteThatIsNotUtf8OnTheFirstLineAfterAByteOrderMarkIsAtTheColumnAnEditorShows() {
        assertEquals(
                new Position(1, 7),
                refusedAt(withByteOrderMark("name: ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF})));
    }

    @Test
    void withoutAByteOrderMarkTheColumnCountsEveryCharacterBeforeIt() {
        assertEquals(new Position(1, 8), refusedAt("name: a\0b\n".getBytes(StandardCharsets.UTF_8)));
    }
}
