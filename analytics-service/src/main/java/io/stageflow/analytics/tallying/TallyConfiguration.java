package io.stageflow.analytics.tallying;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TallierProperties.class)
class TallyConfiguration {}
