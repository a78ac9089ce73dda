package dev.interlock.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where sign-in may send a person back to: a path of this site, percent-encoded where it must be, else "/". */
class SafeNextTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "/catalog?kind=Component&page=2 | /catalog?kind=Component&page=2",
                "/catalog?q=a b                 | /catalog?q=a%20b",
                "/catalog?q=%20%zz%             | /catalog?q=%20%25zz%25",
                "/ /evil                         | /%20/evil",
                "\"/catalog?q=<x>\"\"{}^`\"       | /catalog?q=%3Cx%3E%22%7B%7D%5E%60",
                "/catalog?q=\u00e4\u6f22         | /catalog?q=%C3%A4%E6%BC%A2",
                "/catalog#tab                    | /catalog#tab",
                "//evil.example/                 | /",
                "/\\evil.example                | /",
                "https://evil.example/           | /",
                "evil                            | /",
                "/%0d%0aSet-Cookie:x             | /%0d%0aSet-Cookie:x",
            })
    void nextIsAPathOfThisSite(String next, String expected) {
        assertEquals(expected, LoginResource.safeNext(next.strip()));
    }

    @ParameterizedTest
    @CsvSource({"'/a\tb'", "'/a\nb'", "'/a\u007fb'"})
    void controlCharactersSendHome(String next) {
        assertEquals("/", LoginResource.safeNext(next.translateEscapes()));
    }
}
