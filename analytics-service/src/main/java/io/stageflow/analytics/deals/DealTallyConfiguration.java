package io.stageflow.analytics.deals;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DealTallierProperties.class)
class DealTallyConfiguration {}
