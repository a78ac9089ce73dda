package dev.interlock.pipeline;

import java.util.Locale;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/** Five-field Unix cron expressions of pipeline triggers: checked, and described in plain English. */
public final class Schedules {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Schedules() {
    }

    /**
     * Parses and checks a cron expression.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Cron parse(String expression) {
        String trimmed = expression == null ? "" : expression.trim();
        if (trimmed.split("\\s+").length != 5) {
            throw new IllegalArgumentException("a cron schedule has 5 fields (minute hour day-of-month month "
                    + "day-of-week), this has " + (trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length));
        }
        try {
            return PARSER.parse(trimmed).validate();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? "not a valid cron expression" : e.getMessage();
            throw new IllegalArgumentException(message.replace("Failed to parse cron expression. ", ""), e);
        }
    }

    /** The schedule in English ("every hour", "at 02:00 every day"), or the expression itself when it is not valid. */
    public static String describe(String expression) {
        try {
            return CronDescriptor.instance(Locale.UK).describe(parse(expression));
        } catch (IllegalArgumentException e) {
            return expression;
        }
    }
}
