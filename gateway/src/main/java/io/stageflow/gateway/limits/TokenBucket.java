package io.stageflow.gateway.limits;

/** A token bucket: {@code burst} tokens, refilled at {@code perSecond}; each request takes one. */
final class TokenBucket {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, long burst, long now) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes a token; when there is none, answers how many nanoseconds until there is one (else 0). */
    synchronized long take(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }

    /** Gives back a token taken for a request another bucket refused. */
    synchronized void giveBack() {
        tokens = Math.min(burst, tokens + 1);
    }

    synchronized boolean fullAt(long now) {
        return tokens + (now - refilledAt) / 1e9 * perSecond >= burst;
    }
}
