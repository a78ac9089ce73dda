package dev.interlock.runs.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PercentsTest {

    /** 18 of 19 runs against 95 % was written "95%, below its 95% SLO". */
    @Test
    void aRateBelowItsSloNeverReadsAsEqualToIt() {
        assertEquals("94.7%", Percents.rate(18.0 / 19, 0.95));
        assertEquals("95%", Percents.slo(0.95));
        assertEquals("94.9%", Percents.rate(0.9499, 0.95));
        assertEquals("99.94%", Percents.rate(0.99949, 0.9995));
        assertEquals("99.95%", Percents.slo(0.9995));
        assertEquals("99.5%", Percents.slo(0.995));
        // An SLO just under 100 % is written as it is, and a rate meeting it at its precision.
        assertEquals("99.999%", Percents.slo(0.99999));
        assertEquals("99.999%", Percents.rate(0.999995, 0.99999));
    }

    @Test
    void oneFailureAmongThousandsIsNotAHundredPercent() {
        assertEquals("99.9%", Percents.rate(9999.0 / 10000, null));
        assertEquals("100%", Percents.rate(1.0, 0.99));
        assertEquals("50%", Percents.rate(0.5, 0.9));
        assertEquals("0%", Percents.rate(0.0, null));
        assertEquals("96%", Percents.rate(0.96, 0.95));
    }
}
