package io.stageflow.deal.board;

import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import java.util.Collection;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code dealEvents-in-0}: deal-service reading its own {@code deal-events} without a consumer group,
 * so every instance sees every event from the moment it starts, and its board index learns what other
 * instances changed. Pipelines are read from the store on each board, so their events need nothing here.
 */
@Configuration(proxyBeanMethods = false)
class BoardFollower {

    private static final EventTypeRegistry<DealEvent> DEAL_EVENTS = EventTypeRegistry.of(DealEvent.class);

    @Bean
    Consumer<Message<byte[]>> dealEvents(CloudEventCodec codec, BoardIndex index) {
        return message -> {
            IncomingEvent<DealEvent> event = codec.read(message, DEAL_EVENTS);
            String pipelineId = switch (event.data()) {
                case DealCreated created -> created.pipelineId();
                case StageChanged changed -> changed.pipelineId();
                case DealWon won -> won.pipelineId();
                case DealLost lost -> lost.pipelineId();
                case DealReopened reopened -> reopened.pipelineId();
                case DealUpdated updated -> updated.pipelineId();
                case PipelineDefined defined -> null;
            };
            if (pipelineId != null) {
                index.changedElsewhere(event.tenantId(), pipelineId, event.subject(), event.sequence());
            }
        };
    }

    /**
     * Pins the follower's start (the newest offset of each partition) as soon as it has its partitions, and
     * only then lets the index load pipelines: a load can then never miss a change made elsewhere after it.
     */
    @Bean
    KafkaBindingRebalanceListener boardFollowerStart(BoardIndex index) {
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsAssigned(
                    String bindingName,
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                    Collection<TopicPartition> partitions,
                    boolean initial) {
                if ("dealEvents-in-0".equals(bindingName)) {
                    partitions.forEach(consumer::position);
                    index.followerStarted();
                }
            }
        };
    }
}
