package dev.interlock.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Slows password guessing: after too many failed sign-ins for one account, or from one address, within a window,
 * further attempts are refused (429 with Retry-After) until the window ends, whether the password is right or not.
 * Counted per replica, in memory.
 */
@ApplicationScoped
public class SignInThrottle {

    /** Counters kept at most; past this, those whose window ended are dropped (then all, if still too many). */
    private record Window(Instant start, int failures) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    SecurityConfig config;

    /** How long to wait before trying again, or empty when an attempt may be made now. */
    public Optional<Duration> blocked(String account, String address) {
        Instant now = Instant.now();
        Duration wait = max(
                wait("account:" + account, config.signIn().maxFailuresPerAccount(), now),
                wait("address:" + address, config.signIn().maxFailuresPerAddress(), now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed attempt. */
    public void failed(String account, String address) {
        Instant now = Instant.now();
        if (windows.size() > config.signIn().maxTracked()) {
            windows.values()
                    .removeIf(w -> w.start().plus(config.signIn().window()).isBefore(now));
            if (windows.size() > config.signIn().maxTracked()) {
                windows.clear();
            }
        }
        count("account:" + account, now);
        count("address:" + address, now);
    }

    /** A successful sign-in clears the account's count (not the address's). */
    public void succeeded(String account) {
        windows.remove("account:" + account);
    }

    private void count(String key, Instant now) {
        windows.merge(
                key,
                new Window(now, 1),
                (old, one) -> old.start().plus(config.signIn().window()).isBefore(now)
                        ? one
                        : new Window(old.start(), old.failures() + 1));
    }

    private Duration wait(String key, int max, Instant now) {
        Window w = windows.get(key);
        if (w == null || w.failures() < max) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, w.start().plus(config.signIn().window()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
