package io.stageflow.lead.imports.web;

import io.stageflow.lead.imports.LeadImport;
import io.stageflow.lead.imports.LeadImports;
import io.stageflow.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/leads/imports} with a CSV body ({@code Content-Type: text/csv}), comma or semicolon
 * separated, UTF-8. Columns are recognised by their header (English or German); {@code ?map.<header>=<field>}
 * maps others. Answers 202 with the import's progress resource.
 */
@RestController
@RequestMapping("/api/v1/leads/imports")
class ImportController {

    private final LeadImports imports;

    ImportController(LeadImports imports) {
        this.imports = imports;
    }

    record ImportBody(
            String id,
            LeadImport.Status status,
            long rowsTotal,
            long rowsDone,
            int percent,
            long created,
            long merged,
            long unchanged,
            long failed,
            List<LeadImport.FailedRow> failures,
            String error,
            Instant startedAt,
            Instant finishedAt) {

        static ImportBody of(LeadImport i) {
            return new ImportBody(
                    i.id(),
                    i.status(),
                    i.rowsTotal(),
                    i.rowsDone(),
                    i.percent(),
                    i.created(),
                    i.merged(),
                    i.unchanged(),
                    i.failed(),
                    i.failures(),
                    i.error(),
                    i.startedAt(),
                    i.finishedAt());
        }
    }

    @PostMapping(consumes = {"text/csv", "application/csv"})
    ResponseEntity<ImportBody> start(
            Caller caller, HttpServletRequest request, @RequestParam Map<String, String> parameters)
            throws IOException {
        Map<String, String> mapping = parameters.entrySet().stream()
                .filter(parameter -> parameter.getKey().startsWith("map."))
                .collect(Collectors.toMap(parameter -> parameter.getKey().substring(4), Map.Entry::getValue));
        LeadImport started = imports.start(caller.tenantId(), request.getInputStream(), mapping);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/leads/imports/" + started.id()))
                .body(ImportBody.of(started));
    }

    @GetMapping("/{id}")
    ImportBody progress(Caller caller, @PathVariable String id) {
        return ImportBody.of(imports.get(caller.tenantId(), id));
    }
}
