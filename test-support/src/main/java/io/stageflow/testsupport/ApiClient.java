package io.stageflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a Stageflow HTTP API the way a client does: JSON over HTTP, bearer token in the header. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(
            int status, String contentType, String location, String etag, Map<String, String> headers, JsonNode body) {}

    public Response get(String path, String authorization) {
        return send(request(path, authorization).GET());
    }

    public Response post(String path, String authorization, String jsonBody) {
        return send(path, authorization, "POST", "application/json", jsonBody, Map.of());
    }

    public Response delete(String path, String authorization) {
        return send(request(path, authorization).DELETE());
    }

    /** Any method, content type and extra headers ({@code If-Match}, {@code Idempotency-Key} …). */
    public Response send(
            String path,
            String authorization,
            String method,
            String contentType,
            String body,
            Map<String, String> headers) {
        byte[] bytes = body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(path, authorization, method, contentType, bytes, headers);
    }

    /** The same with a body of raw bytes, for content that is not text. */
    public Response send(
            String path,
            String authorization,
            String method,
            String contentType,
            byte[] body,
            Map<String, String> headers) {
        var request = request(path, authorization)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request);
    }

    private HttpRequest.Builder request(String path, String authorization) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    headers,
                    body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
