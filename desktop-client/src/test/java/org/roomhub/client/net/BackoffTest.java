package org.roomhub.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delays_grow_exponentially_up_to_the_cap_and_reset_after_success() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.999);
        assertThat(backoff.next().toMillis()).isBetween(95L, 100L);
        assertThat(backoff.next().toMillis()).isBetween(190L, 200L);
        assertThat(backoff.next().toMillis()).isBetween(380L, 400L);
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        assertThat(backoff.next().toMillis()).isLessThanOrEqualTo(2000L);
        backoff.reset();
        assertThat(backoff.next().toMillis()).isLessThanOrEqualTo(100L);
    }

    @Test
    void jitter_never_goes_below_half_the_base_delay() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.0);
        backoff.next();
        backoff.next();
        assertThat(backoff.next().toMillis()).isEqualTo(50L);
    }
}
