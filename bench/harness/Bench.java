package harness;

/**
 * How a benchmark ends. Every benchmark exits 0 when all its targets pass, 2 when one misses and 1 when it could not
 * run (a bad argument, an error answer, a dropped connection); the bench/*.sh scripts read these statuses.
 */
public final class Bench {

    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_TARGET_MISSED = 2;

    private Bench() {}

    /** The benchmark itself, returning whether every target passed. */
    @FunctionalInterface
    public interface Body {
        boolean run() throws Exception;
    }

    /** The benchmark could not run: an error answer, a refused sign-in, a page that is not what it should be. */
    public static final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }
    }

    /** A bad command line; its message holds the usage. */
    public static final class Usage extends RuntimeException {
        public Usage(String message) {
            super(message);
        }
    }

    /** Runs the benchmark and exits with its status (see the class comment). */
    public static void main(Body body) {
        int status;
        try {
            status = body.run() ? EXIT_PASS : EXIT_TARGET_MISSED;
        } catch (Usage e) {
            System.err.println(e.getMessage());
            status = EXIT_FAILED;
        } catch (Failure e) {
            System.err.println("BENCHMARK FAILED: " + e.getMessage());
            status = EXIT_FAILED;
        } catch (Exception e) {
            e.printStackTrace();
            status = EXIT_FAILED;
        }
        System.out.flush();
        // Exits even while HTTP client or file server threads are still alive.
        System.exit(status);
    }
}
