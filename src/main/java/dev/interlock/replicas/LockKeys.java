package dev.interlock.replicas;

/** The keys of Interlock's PostgreSQL advisory locks: one for the scorer, one per scheduled job, one per named thing. */
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

    /** The lock of one thing replicas must not work on at the same time (a location: {@code location:<id>}). */
    public static long named(String name) {
        return PREFIX | 0x4000_0000L | (name.hashCode() & 0x3FFF_FFFFL);
    }
}
