package io.stageflow.gateway.limits;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits of the gateway.
 *
 * @param enabled whether rate limits apply (benchmarks measuring raw throughput turn them off)
 * @param perUser requests a person (bearer token subject) may make
 * @param perApiKey requests one API key may make
 * @param perTenant requests a whole tenant may make, people and keys together
 * @param maxBody the largest request body by default
 * @param maxBodyByPath larger allowances for uploads, by path prefix
 * @param tenants a tenant's own quota in place of {@code perTenant} (a larger plan, a trial)
 */
@Validated
@ConfigurationProperties("stageflow.gateway.limits")
public record LimitProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @DefaultValue({"100", "200"}) Bucket perUser,
        @Valid @DefaultValue({"500", "1000"}) Bucket perApiKey,
        @Valid @DefaultValue({"1000", "2000"}) Bucket perTenant,
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue Map<String, DataSize> maxBodyByPath,
        @DefaultValue Map<String, @Valid Bucket> tenants) {

    /** The quota of {@code tenant}: its own, or the default. */
    public Bucket quotaOf(String tenant) {
        return tenants.getOrDefault(tenant, perTenant);
    }

    /**
     * A token bucket.
     *
     * @param perSecond tokens added per second: the sustained rate
     * @param burst the bucket's size: how many requests may come at once
     */
    public record Bucket(@Min(1) double perSecond, @Min(1) long burst) {}
}
