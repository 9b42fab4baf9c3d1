package io.stageflow.platform.messaging;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Reports whether the Kafka cluster answers, and how many brokers it has. */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private final AdminClient admin;

    public KafkaHealthIndicator(Map<String, Object> adminConfig) {
        var config = new java.util.HashMap<>(adminConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        this.admin = AdminClient.create(config);
    }

    @Override
    public Health health() {
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000));
            int brokers = cluster.nodes().get(4, TimeUnit.SECONDS).size();
            return Health.up()
                    .withDetail("clusterId", cluster.clusterId().get(4, TimeUnit.SECONDS))
                    .withDetail("brokers", brokers)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down()
                    .withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
