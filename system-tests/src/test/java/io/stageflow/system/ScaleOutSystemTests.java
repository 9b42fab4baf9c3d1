package io.stageflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.testsupport.ApiClient;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out on one machine: two instances of lead-service and two of analytics-service share one broker (topics
 * with 6 partitions) and one store. Leads are posted to both lead-service instances while one instance of each
 * service is killed with SIGKILL mid-load; a client whose request failed retries it on the other instance, as a
 * load balancer would. Every acknowledged lead must exist and be counted by analytics exactly once: the killed
 * lead-service's unpublished outbox entries are published by the survivor's sweep, and the partitions the killed
 * analytics instance held are taken over by the other, which skips what was applied before the kill.
 */
class ScaleOutSystemTests {

    static final int LEADS = 1_200;
    static final int EXTRA_PORT_SHIFT = 100;

    static final LocalStack stack = new LocalStack("scale-out", 12_000);
    static final List<Process> extraInstances = new ArrayList<>();
    static String token;
    static Admin kafka;

    @BeforeAll
    static void up() {
        stack.run("down");
        stack.run("up");
        token = "Bearer " + stack.credentials().get("STAGEFLOW_TOKEN");
        for (String service : List.of("lead-service", "analytics-service")) {
            extraInstances.add(stack.startInstance(service, service + "-2", stack.portOf(service) + EXTRA_PORT_SHIFT));
        }
        kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }

    @AfterAll
    static void down() {
        extraInstances.forEach(Process::destroy);
        if (kafka != null) {
            kafka.close();
        }
        stack.run("down");
    }

    @Test
    void killingOneInstanceOfEachMidLoadLosesNothingAndCountsNothingTwice() throws Exception {
        var leads = List.of(api("lead-service", 0), api("lead-service", EXTRA_PORT_SHIFT));
        var survivingAnalytics = api("analytics-service", EXTRA_PORT_SHIFT);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions() // refused connections while the new instances start
                .untilAsserted(() -> {
                    assertThat(survivingAnalytics.get("/actuator/health", null).status())
                            .isEqualTo(200);
                    assertThat(leads.get(1).get("/actuator/health", null).status())
                            .isEqualTo(200);
                    assertThat(leadEventsAssignment())
                            .as("both analytics instances share the partitions of lead-events")
                            .hasSize(2)
                            .allSatisfy((member, partitions) ->
                                    assertThat(partitions).isNotEmpty());
                });
        long before = createdLeads(survivingAnalytics);

        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger retried = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> posted = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            int number = i;
            posted.add(clients.submit(() -> {
                String body = "{\"email\":\"scale-%d-%s@example.com\",\"source\":\"scale-out\"}".formatted(number, run);
                acknowledged.add(postUntilAcknowledged(leads, number % 2, body, retried));
            }));
        }

        await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= LEADS * 2 / 5);
        kill("lead-service");
        kill("analytics-service");
        int atKill = acknowledged.size();
        for (Future<?> each : posted) {
            each.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();
        System.out.printf(
                "[scale-out] killed one lead-service and one analytics-service after %d of %d leads; %d requests"
                        + " retried on the other instance%n",
                atKill, LEADS, retried.get());

        assertThat(acknowledged)
                .as("one lead per email, whichever instance took it")
                .hasSize(LEADS);
        assertThat(atKill).as("the kill came mid-load").isLessThan(LEADS);
        for (String id : acknowledged) {
            assertThat(leads.get(1).get("/api/v1/leads/" + id, token).status())
                    .as("acknowledged lead %s exists", id)
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(leadEventsAssignment())
                        .as("the surviving analytics instance took over every partition")
                        .hasSize(1)
                        .allSatisfy(
                                (member, partitions) -> assertThat(partitions).hasSize(6)));
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> assertThat(createdLeads(survivingAnalytics)).isEqualTo(before + LEADS));
        // re-deliveries after the rebalance and re-publications by the outbox sweep may still be in flight
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(createdLeads(survivingAnalytics))
                        .as("nothing counted twice")
                        .isEqualTo(before + LEADS));
    }

    /** Posts to the preferred instance; a request that failed in transit is sent again to the other one. */
    private static String postUntilAcknowledged(
            List<ApiClient> instances, int preferred, String body, AtomicInteger retried) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                var response = instances.get((preferred + attempt) % 2).post("/api/v1/leads", token, body);
                if (response.status() == 201) {
                    return response.body().get("id").asString();
                }
                if (response.status() == 409) {
                    // the first attempt was stored before the instance died: the email points to that lead
                    return response.body().get("existingLeadId").asString();
                }
                throw new AssertionError("lead-service answered " + response.status() + ": " + response.body());
            } catch (UncheckedIOException refusedOrReset) {
                retried.incrementAndGet();
            }
        }
        throw new AssertionError("no instance acknowledged " + body);
    }

    private static Map<String, List<TopicPartition>> leadEventsAssignment() throws Exception {
        var group = kafka.describeConsumerGroups(List.of("analytics-service"))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get("analytics-service");
        Map<String, List<TopicPartition>> assignment = new java.util.TreeMap<>();
        for (MemberDescription member : group.members()) {
            List<TopicPartition> partitions = member.assignment().topicPartitions().stream()
                    .filter(partition -> partition.topic().equals("lead-events"))
                    .toList();
            if (!partitions.isEmpty()) {
                assignment.put(member.consumerId(), partitions);
            }
        }
        return assignment;
    }

    private static void kill(String service) {
        ProcessHandle.of(stack.pidOf(service)).orElseThrow().destroyForcibly(); // SIGKILL: no clean shutdown
    }

    private static ApiClient api(String service, int shift) {
        return new ApiClient("http://127.0.0.1:" + (stack.portOf(service) + shift));
    }

    private static long createdLeads(ApiClient analytics) {
        var funnel = analytics.get("/api/v1/analytics/lead-funnel", token);
        assertThat(funnel.status()).isEqualTo(200);
        return funnel.body().get("created").asLong();
    }
}
