package harness;

import java.util.Arrays;
import java.util.Collection;

/** Latency percentiles in milliseconds, nearest rank, of {@code count} requests. */
public record Latencies(int count, double p50, double p90, double p99, double max) {

    /** One request of a measured series; {@code i} counts warm-up and measured requests from 0. */
    @FunctionalInterface
    public interface Request {
        void send(int i) throws Exception;
    }

    /** Sends {@code warmUp} requests, then times {@code count} more, one after the other. */
    public static Latencies measure(int warmUp, int count, Request request) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            request.send(i);
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            request.send(warmUp + i);
            nanos[i] = System.nanoTime() - start;
        }
        return of(nanos);
    }

    public static Latencies of(Collection<Long> nanos) {
        return of(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    /** The figures of {@code nanos}, which must not be empty. */
    public static Latencies of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(
                sorted.length,
                millis(sorted, 0.50),
                millis(sorted, 0.90),
                millis(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    /**
     * Prints a line of p50/p99/max for {@code what} and checks the p99 against a target ({@code <= 0}: reported only,
     * which passes); whether it passed.
     */
    public boolean print(String what, double targetP99) {
        if (targetP99 <= 0) {
            System.out.printf("%-40s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (reported)%n", what, p50, p99, max);
            return true;
        }
        boolean ok = p99 <= targetP99;
        System.out.printf(
                "%-40s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (target p99 <= %.0f ms) %s%n",
                what, p50, p99, max, targetP99, Report.passFail(ok));
        return ok;
    }

    private static double millis(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
