package dev.interlock.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link TemplateExtensions#breakable}: long runs without spaces get break opportunities, and the text is escaped. */
class BreakableTest {

    @Test
    void onlyRunsLongerThanAWordGetBreakOpportunitiesAndEverythingIsEscaped() {
        assertEquals(
                "Salesforce to HubSpot",
                TemplateExtensions.breakable("Salesforce to HubSpot").toString());
        String long48 = "S".repeat(48);
        assertEquals(
                "S".repeat(24) + "<wbr>" + "S".repeat(24),
                TemplateExtensions.breakable(long48).toString());
        assertEquals(
                "&lt;b&gt;alert(&#39;x&#39;)&lt;/b&gt; &amp; &quot;q&quot;",
                TemplateExtensions.breakable("<b>alert('x')</b> & \"q\"").toString());
        // Counted in characters, not UTF-16 units: an emoji is never cut in half.
        String emoji = "😀".repeat(25);
        assertEquals(
                "😀".repeat(24) + "<wbr>" + "😀",
                TemplateExtensions.breakable(emoji).toString());
        assertEquals("", TemplateExtensions.breakable(null).toString());
        // A date is kept whole: a browser would otherwise break it at a hyphen.
        assertEquals(
                "failing since <span class=\"nowrap\">2026-12-04</span> 16:33 UTC; build-2026-12-04x",
                TemplateExtensions.breakable("failing since 2026-12-04 16:33 UTC; build-2026-12-04x")
                        .toString());
    }
}
