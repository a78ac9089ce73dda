package dev.interlock.replicas;

/**
 * The keys of Interlock's PostgreSQL advisory locks: one for the scorer, one per scheduled job, one per named thing, one
 * per stripe of run ids. Each kind has bits of its own below the prefix, so that no two kinds share a key.
 */
public final class LockKeys {

    /** High bits shared by every Interlock lock ("Intl"), so that they do not collide with another application's. */
    private static final long PREFIX = 0x496E746CL << 32;

    /** Held by the one replica that scores at a time. */
    public static final long SCORER = PREFIX | 1;

    private LockKeys() {}

    /** The lock of one scheduled job. */
    public static long job(String name) {
        return PREFIX | 0x8000_0000L | (name.hashCode() & 0x7FFF_FFFFL);
    }

    /**
     * How many locks run ids share: a group of run events takes one per run id it names, and PostgreSQL's lock table
     * (about 64 per connection, shared by the whole server) would run out for a body of thousands of runs. Two ids
     * sharing a lock only wait for each other.
     */
    public static final int RUN_STRIPES = 1024;

    /** The lock of the runs of this id (one of {@link #RUN_STRIPES}: {@code <format>|<run id>}). */
    public static long run(String formatAndId) {
        return PREFIX | 0x2000_0000L | Math.floorMod(formatAndId.hashCode(), RUN_STRIPES);
    }

    /** The lock of one thing replicas must not work on at the same time (a location: {@code location:<id>}). */
    public static long named(String name) {
        return PREFIX | 0x4000_0000L | (name.hashCode() & 0x3FFF_FFFFL);
    }
}
