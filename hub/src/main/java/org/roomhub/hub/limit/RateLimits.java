package org.roomhub.hub.limit;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.roomhub.hub.config.HubConfig.LimitsConfig;

/**
 * Token buckets (Bucket4j): one per connection, one per user and room type. A frame passes when both
 * have a token. User buckets are dropped when their user's last connection closes, so memory follows
 * the connections.
 */
public final class RateLimits {

    private final LimitsConfig config;
    private final ConcurrentHashMap<String, Shared> users = new ConcurrentHashMap<>();

    /** A user's bucket and how many connections use it. */
    private static final class Shared {
        final Bucket bucket;
        int holders;

        Shared(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    /** Limits with the budgets of {@code config}. */
    public RateLimits(LimitsConfig config) {
        this.config = config;
    }

    /** The limiter of a new connection of {@code user} to a room of {@code roomType}; {@link Limiter#release()} it on close. */
    public Limiter open(String roomType, String user) {
        LimitsConfig.Rate rate = config.rateOf(roomType);
        String key = roomType + "\u0000" + user;
        Shared shared = users.compute(key, (k, s) -> {
            Shared v = s == null ? new Shared(perMinute(rate.perUser())) : s;
            v.holders++;
            return v;
        });
        return new Limiter(perMinute(rate.perConnection()), shared.bucket, () -> users.computeIfPresent(key, (k, s) -> --s.holders == 0 ? null : s));
    }

    /** User buckets held (for tests: none once every connection closed). */
    public int userBuckets() {
        return users.size();
    }

    private static Bucket perMinute(int n) {
        int budget = Math.max(1, n);
        return Bucket.builder().addLimit(l -> l.capacity(budget).refillGreedy(budget, Duration.ofMinutes(1))).build();
    }

    /** The buckets one connection draws from. */
    public static final class Limiter {
        private final Bucket connection;
        private final Bucket user;
        private final Runnable release;
        private boolean released;

        Limiter(Bucket connection, Bucket user, Runnable release) {
            this.connection = connection;
            this.user = user;
            this.release = release;
        }

        /** Takes one token from each bucket; false (taking none) when either is empty. */
        public boolean tryAcquire() {
            if (!connection.tryConsume(1)) {
                return false;
            }
            if (!user.tryConsume(1)) {
                connection.addTokens(1);
                return false;
            }
            return true;
        }

        /** Gives the user bucket back when this was its last connection; idempotent. */
        public synchronized void release() {
            if (!released) {
                released = true;
                release.run();
            }
        }
    }
}
