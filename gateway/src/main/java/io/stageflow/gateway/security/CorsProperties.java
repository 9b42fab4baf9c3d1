package io.stageflow.gateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param allowedOrigins the web frontends' origins, for example {@code https://app.example.com} */
@ConfigurationProperties("stageflow.gateway.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {}
