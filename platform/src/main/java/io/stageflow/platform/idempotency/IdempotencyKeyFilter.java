package io.stageflow.platform.idempotency;

import io.stageflow.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST} with an {@code Idempotency-Key} header: the first request runs, its response is kept, and
 * a retry with the same key and the same request gets that response again without running twice. The
 * same key with a different request is a client error (422); a retry while the first still runs gets 409.
 * Keys are per tenant. Server errors are not kept, so the client may retry them.
 */
public class IdempotencyKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final List<String> REPLAYED_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotencyKeyFilter(MongoTemplate mongo, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200) {
            problem(response, HttpStatus.BAD_REQUEST, "invalid-request", "Idempotency-Key must be 1 to 200 characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String id = token.getToken().getClaimAsString("tenant_id") + ":" + key;
        String hash = hash(request, body);

        IdempotencyRecord existing = mongo.findById(id, IdempotencyRecord.class);
        if (existing == null) {
            try {
                mongo.insert(new IdempotencyRecord(id, hash, 0, Map.of(), null, clock.instant()));
            } catch (DuplicateKeyException raced) {
                existing = mongo.findById(id, IdempotencyRecord.class);
            }
        }
        if (existing != null) {
            answerFrom(existing, hash, response);
            return;
        }
        var caching = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new ReplayedBodyRequest(request, body), caching);
        } finally {
            keep(id, hash, caching);
            caching.copyBodyToResponse();
        }
    }

    private void keep(String id, String hash, ContentCachingResponseWrapper response) {
        if (response.getStatus() >= 500) {
            mongo.remove(new IdempotencyRecord(id, hash, 0, Map.of(), null, null));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        mongo.save(new IdempotencyRecord(
                id, hash, response.getStatus(), headers, response.getContentAsByteArray(), clock.instant()));
    }

    private void answerFrom(IdempotencyRecord first, String hash, HttpServletResponse response) throws IOException {
        if (!first.requestHash().equals(hash)) {
            problem(
                    response,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request");
        } else if (!first.completed()) {
            problem(
                    response,
                    HttpStatus.CONFLICT,
                    "idempotency-key-in-progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly");
        } else {
            response.setStatus(first.status());
            first.headers().forEach(response::setHeader);
            response.setHeader("Idempotent-Replayed", "true");
            if (first.body() != null) {
                response.getOutputStream().write(first.body());
            }
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request again, with the body this filter already read. */
    private static final class ReplayedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
