package io.stageflow.analytics.sentiment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SentimentProperties.class)
class SentimentConfiguration {

    @Bean
    AnonymityRules anonymityRules(SentimentProperties properties) {
        return new AnonymityRules(properties.minimumResponses());
    }
}
