package dev.whittle.source.registry;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How often and how patiently to retry a request that failed in a way that may pass (429, 5xx, a reset connection).
 *
 * @param maxAttempts  attempts in total, the first one included
 * @param baseDelay    the first backoff; it doubles with each attempt
 * @param maxDelay     the longest single wait, also the most of a server's {@code Retry-After} we honour
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    /** Three attempts, 200 ms then 400 ms apart; a {@code Retry-After} up to a minute is honoured. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(60));
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 0) when the server named none. */
    public Duration backoff(int attempt) {
        long millis = baseDelay.toMillis() << Math.min(attempt, 16);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    /** True for the statuses worth another try: too many requests and the server-side failures that may pass. */
    public static boolean retryableStatus(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * Parses a {@code Retry-After} value (delta seconds or an HTTP date); null when absent or unreadable, so the
     * caller falls back to its own backoff.
     */
    public static Duration parseRetryAfter(String value, ZonedDateTime now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
