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

    private Schedules() {}

    /**
     * Parses and checks a cron expression.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Cron parse(String expression) {
        // Parsing is slow (cron-utils) and a catalog uses a few schedules on thousands of pipelines: every
        // registration and every scoring of a pipeline checks its schedule, so outcomes are kept (bounded).
        String key = expression == null ? "" : expression;
        Object parsed = PARSED.get(key);
        if (parsed == null) {
            try {
                parsed = parseOnce(key);
            } catch (IllegalArgumentException e) {
                parsed = e.getMessage();
            }
            if (key.length() <= CACHED_LENGTH) {
                if (PARSED.size() > CACHED) {
                    PARSED.clear();
                }
                PARSED.put(key, parsed);
            }
        }
        if (parsed instanceof Cron cron) {
            return cron;
        }
        throw new IllegalArgumentException((String) parsed);
    }

    private static final int CACHED = 10_000;
    /**
     * Longest expression kept: a schedule is a short line, and keeping what a hostile descriptor sends (up to the
     * body limit) 10,000 times over would fill the heap.
     */
    private static final int CACHED_LENGTH = 256;

    /** Each expression parsed: its {@link Cron} (immutable), or what is wrong with it. */
    private static final java.util.Map<String, Object> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Cron parseOnce(String expression) {
        String trimmed = expression == null ? "" : expression.trim();
        if (trimmed.split("\\s+").length != 5) {
            throw new IllegalArgumentException("a cron schedule has 5 fields (minute hour day-of-month month "
                    + "day-of-week), this has " + (trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length));
        }
        Cron cron;
        try {
            cron = PARSER.parse(trimmed).validate();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? "not a valid cron expression" : e.getMessage();
            throw new IllegalArgumentException(message.replace("Failed to parse cron expression. ", ""), e);
        }
        // A schedule no date matches (February 30th, April 31st) would leave its pipeline healthy for ever.
        if (com.cronutils.model.time.ExecutionTime.forCron(cron)
                .nextExecution(java.time.ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC))
                .isEmpty()) {
            throw new IllegalArgumentException("it never fires: no date matches its day of month and month");
        }
        return cron;
    }

    private static final String[] DAYS = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    };

    /**
     * The schedule in English: "every hour at :00", "every day at 02:00", "at 02:00 on Monday to Friday". Common
     * shapes are worded here; others fall back to cron-utils' description; an invalid expression is returned as it
     * is.
     */
    public static String describe(String expression) {
        // Parsing a cron expression is slow and pages describe the same few schedules on every row.
        if (expression == null || expression.length() > CACHED_LENGTH) {
            return describeOnce(expression);
        }
        if (DESCRIBED.size() > CACHED) {
            DESCRIBED.clear();
        }
        return DESCRIBED.computeIfAbsent(expression, Schedules::describeOnce);
    }

    private static final java.util.Map<String, String> DESCRIBED = new java.util.concurrent.ConcurrentHashMap<>();

    private static String describeOnce(String expression) {
        try {
            parse(expression);
        } catch (IllegalArgumentException e) {
            return expression;
        }
        String[] f = expression.trim().split("\\s+");
        String minute = f[0];
        String hour = f[1];
        boolean everyDay = f[2].equals("*") && f[3].equals("*");
        if (everyDay && f[4].equals("*")) {
            if (minute.equals("*") && hour.equals("*")) {
                return "every minute";
            }
            if (minute.startsWith("*/") && hour.equals("*")) {
                return "every " + minute.substring(2) + " minutes";
            }
            if (isNumber(minute) && hour.equals("*")) {
                return "every hour at :" + two(minute);
            }
            if (isNumber(minute) && hour.startsWith("*/")) {
                return "every " + hour.substring(2) + " hours at :" + two(minute);
            }
            if (isNumber(minute) && isNumber(hour)) {
                return "every day at " + two(hour) + ":" + two(minute);
            }
        }
        if (everyDay && isNumber(minute) && isNumber(hour) && f[4].matches("[0-7](-[0-7])?(,[0-7])*")) {
            return "at " + two(hour) + ":" + two(minute) + " on " + days(f[4]);
        }
        if (f[3].equals("*") && f[4].equals("*") && isNumber(minute) && isNumber(hour) && isNumber(f[2])) {
            return "at " + two(hour) + ":" + two(minute) + " on day " + f[2] + " of every month";
        }
        return CronDescriptor.instance(Locale.UK).describe(parse(expression));
    }

    private static String days(String field) {
        if (field.contains("-")) {
            String[] range = field.split("-");
            return DAYS[Integer.parseInt(range[0])] + " to " + DAYS[Integer.parseInt(range[1])];
        }
        String[] list = field.split(",");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < list.length; i++) {
            out.append(i == 0 ? "" : i == list.length - 1 ? " and " : ", ").append(DAYS[Integer.parseInt(list[i])]);
        }
        return out.toString();
    }

    private static boolean isNumber(String field) {
        return field.matches("\\d{1,2}");
    }

    private static String two(String number) {
        return number.length() == 1 ? "0" + number : number;
    }
}
