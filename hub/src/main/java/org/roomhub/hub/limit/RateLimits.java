package org.roomhub.hub.limit;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.roomhub.hub.config.HubConfig.LimitsConfig;

/**
 * Token buckets (Bucket4j): one per connection, one per user and room type. A frame passes when both
 * have a token. A connection takes its buckets on its first frame, so a silent socket holds none (~0.7 KB
 * saved each); a user's bucket is dropped when their last connection that sent closes, so memory follows
 * the connections. A bucket made late starts full, as one made at join would be by then.
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
        return new Limiter(this, roomType, user);
    }

    /** User buckets held (for tests: none once every connection closed). */
    public int userBuckets() {
        return users.size();
    }

    private Bucket hold(String key, LimitsConfig.Rate rate) {
        return users.compute(key, (k, s) -> {
            Shared v = s == null ? new Shared(perMinute(rate.perUser())) : s;
            v.holders++;
            return v;
        }).bucket;
    }

    private void letGo(String key) {
        users.computeIfPresent(key, (k, s) -> --s.holders == 0 ? null : s);
    }

    private static Bucket perMinute(int n) {
        int budget = Math.max(1, n);
        return Bucket.builder().addLimit(l -> l.capacity(budget).refillGreedy(budget, Duration.ofMinutes(1))).build();
    }

    /** The buckets one connection draws from, taken on its first frame. */
    public static final class Limiter {
        private final RateLimits owner;
        private final String roomType;
        private final String user;
        private Bucket connection;
        private Bucket shared;
        private boolean released;

        Limiter(RateLimits owner, String roomType, String user) {
            this.owner = owner;
            this.roomType = roomType;
            this.user = user;
        }

        private String key() {
            return roomType + "\u0000" + user;
        }

        /** Takes one token from each bucket; false (taking none) when either is empty. */
        public boolean tryAcquire() {
            Bucket own;
            Bucket theirs;
            synchronized (this) {
                if (connection == null) {
                    if (released) {
                        return true; // the connection left meanwhile: the room drops the frame, as before
                    }
                    LimitsConfig.Rate rate = owner.config.rateOf(roomType);
                    connection = perMinute(rate.perConnection());
                    shared = owner.hold(key(), rate);
                }
                own = connection;
                theirs = shared;
            }
            if (!own.tryConsume(1)) {
                return false;
            }
            if (!theirs.tryConsume(1)) {
                own.addTokens(1);
                return false;
            }
            return true;
        }

        /** Gives the user bucket back when this was its last connection; idempotent. */
        public synchronized void release() {
            if (!released) {
                released = true;
                if (shared != null) {
                    owner.letGo(key());
                }
            }
        }
    }
}
