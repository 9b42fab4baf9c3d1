package io.stageflow.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/** Business metrics from stored events, when the service declares {@link EventMeters}. */
@AutoConfiguration
public class MetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(EventMeters.class)
    EventMetersListener eventMetersListener(List<EventMeters> meters, ObjectProvider<MeterRegistry> registry) {
        return new EventMetersListener(meters, registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
