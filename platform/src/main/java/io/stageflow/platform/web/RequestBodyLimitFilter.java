package io.stageflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses API bodies whose declared length is over the limit (413) before anything reads them. (Chunked
 * bodies without a length are bounded by the gateway's body size cap.) File uploads (CSV) are streamed to
 * disk and checked against their own, larger limit by the endpoint that takes them.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final DataSize limit;
    private final JsonMapper json;

    public RequestBodyLimitFilter(DataSize limit, JsonMapper json) {
        this.limit = limit;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.startsWith("text/csv") || type.startsWith("application/csv"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit.toBytes()) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than " + limit);
            problem.setType(URI.create(Problems.TYPE_BASE + "body-too-large"));
            problem.setTitle("Body too large");
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(request, response);
    }
}
