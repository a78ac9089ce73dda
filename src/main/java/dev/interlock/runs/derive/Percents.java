package dev.interlock.runs.derive;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Success rates and their SLOs as health reasons and pages write them. A rate is rounded down at its SLO's precision
 * (at least one decimal), so that a rate below its SLO never reads as equal to it ("94.7%" against "95%", not "95%
 * below its 95%") and one failure among thousands never reads as 100 %.
 */
public final class Percents {

    private Percents() {}

    /**
     * An SLO as written, no trailing zeros ("95%", "99.5%", "99.999%"): never rounded, so that an SLO just under 100 %
     * does not read as 100 %.
     */
    public static String slo(double slo) {
        return plain(BigDecimal.valueOf(slo).movePointRight(2)) + "%";
    }

    /** A rate, rounded down at the precision of the SLO it is judged against ({@code null}: none). */
    public static String rate(double rate, Double slo) {
        int scale = 1;
        if (slo != null) {
            String written = slo(slo);
            int dot = written.indexOf('.');
            scale = Math.max(scale, dot < 0 ? 0 : written.length() - dot - 2);
        }
        return plain(BigDecimal.valueOf(rate).movePointRight(2).setScale(scale, RoundingMode.FLOOR)) + "%";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
