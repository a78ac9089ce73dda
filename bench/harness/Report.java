package harness;

import java.util.Locale;

/** The pieces of a benchmark's printed summary that every benchmark writes the same way. */
public final class Report {

    private Report() {}

    /** The figures of a benchmark that prints them at the end, in one block. */
    public interface Summary {
        String summary();

        boolean allTargetsPass();
    }

    /** Prints the summary; whether every target passed. */
    public static boolean print(Summary figures) {
        System.out.print(figures.summary());
        return figures.allTargetsPass();
    }

    public static String passFail(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    /** A target's line: {@code PASS  description} or {@code FAIL  description}. */
    public static String target(String description, boolean pass) {
        return passFail(pass) + "  " + description;
    }

    /** A figure's line: the label and its colon in 30 columns, then the figure. */
    public static String line(String label, String format, Object... args) {
        return String.format(Locale.ROOT, "%-30s ", label + ":") + String.format(Locale.ROOT, format, args) + "\n";
    }

    /** Prints the closing verdict of a benchmark that prints its targets as it goes; returns {@code pass}. */
    public static boolean verdict(boolean pass) {
        System.out.println(pass ? "ALL TARGETS PASS" : "SOME TARGET MISSED");
        return pass;
    }
}
