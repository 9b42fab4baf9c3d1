package io.stageflow.analytics.messaging;

import io.stageflow.analytics.sequencing.ProjectionGenerations;
import io.stageflow.events.Topics;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka bindings: one consumer per topic, feeding every projection of that stream in order. While a rebuild
 * runs, each event goes to the serving generation and to the one being rebuilt, so that the rebuilt one misses
 * nothing that arrives meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class EventConsumers {

    /** Binding {@code leadEvents-in-0}: topic lead-events, group analytics-service, dead letters to lead-events.dlq. */
    @Bean
    Consumer<Message<byte[]>> leadEvents(ProjectionDispatch dispatch, ProjectionGenerations generations) {
        return message -> dispatch.dispatch(Topics.LEAD_EVENTS, message, generations.targets());
    }

    /**
     * Binding {@code surveyEvents-in-0}: topic survey-events, group analytics-service, dead letters to
     * survey-events.dlq.
     */
    @Bean
    Consumer<Message<byte[]>> surveyEvents(ProjectionDispatch dispatch, ProjectionGenerations generations) {
        return message -> dispatch.dispatch(Topics.SURVEY_EVENTS, message, generations.targets());
    }

    /**
     * Binding {@code dealEvents-in-0}: topic deal-events, group analytics-service, dead letters to deal-events.dlq.
     * Pipelines and deals share the topic; each projection reads only its own aggregates.
     */
    @Bean
    Consumer<Message<byte[]>> dealEvents(ProjectionDispatch dispatch, ProjectionGenerations generations) {
        return message -> dispatch.dispatch(Topics.DEAL_EVENTS, message, generations.targets());
    }
}
