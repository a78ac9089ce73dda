package dev.interlock.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Schedules#parse}: the answer kept for an expression is the answer computed for it. */
class SchedulesTest {

    @Test
    void aScheduleParsedAgainIsTheSameSchedule() {
        assertSame(Schedules.parse("0 * * * *"), Schedules.parse("0 * * * *"));
    }

    @Test
    void aWrongScheduleSaysWhatIsWrongEveryTime() {
        for (int i = 0; i < 2; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.parse("0 * * *"));
            assertEquals(
                    "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), this has 4",
                    e.getMessage());
        }
    }

    @Test
    void aScheduleThatNeverFiresIsRefused() {
        for (String never : new String[] {"0 0 31 2 *", "0 0 30 2 *", "0 0 31 4 *"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.parse(never));
            assertEquals("it never fires: no date matches its day of month and month", e.getMessage());
        }
        // February 29th comes every four years.
        Schedules.parse("0 0 29 2 *");
    }

    @Test
    void aLongExpressionIsAnsweredWithoutBeingKept() {
        String hostile = "1 ".repeat(100_000);
        for (int i = 0; i < 2; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.parse(hostile));
            assertEquals(
                    "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), this has 100000",
                    e.getMessage());
        }
        assertEquals(hostile, Schedules.describe(hostile));
    }
}
