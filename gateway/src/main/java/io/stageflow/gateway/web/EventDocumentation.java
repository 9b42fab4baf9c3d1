package io.stageflow.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The event contracts beside the services' OpenAPI documents: the AsyncAPI document of every topic and event
 * ({@code /asyncapi/asyncapi.yaml}) and the JSON Schemas it refers to, straight from the {@code events} module so
 * what is served is what the services are built against.
 */
@Configuration(proxyBeanMethods = false)
class EventDocumentation {

    @Bean
    RouterFunction<ServerResponse> eventContracts() {
        return RouterFunctions.resources("/asyncapi/**", new ClassPathResource("schemas/"));
    }
}
