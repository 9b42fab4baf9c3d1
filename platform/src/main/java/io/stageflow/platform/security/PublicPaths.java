package io.stageflow.platform.security;

import java.util.List;

/**
 * Paths a service deliberately serves without a token (for example anonymous survey responses, which
 * are authorised by their single-use token instead). Declare a bean to add some.
 */
public record PublicPaths(List<String> patterns) {}
