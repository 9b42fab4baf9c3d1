package io.stageflow.lead.imports;

import io.stageflow.lead.intake.IntakeOutcome;
import io.stageflow.lead.intake.LeadIntake;
import io.stageflow.lead.leads.LeadDraft;
import io.stageflow.platform.csv.CsvReader;
import io.stageflow.platform.messaging.EventIds;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.ResourceNotFoundException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * CSV imports: the file is spooled to disk and checked (encoding, CSV structure, header) before the
 * caller hears 202, then processed in the background in chunks through {@link LeadIntake}, row by row
 * from disk, so memory stays flat however large the file. Each row's intake key names the import and
 * the line, so a row counts once even if a chunk is retried.
 */
@Service
public class LeadImports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LeadImports.class);

    private final LeadIntake intake;
    private final MongoTemplate mongo;
    private final ImportProperties properties;
    private final Clock clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    public LeadImports(LeadIntake intake, MongoTemplate mongo, ImportProperties properties, Clock clock) {
        this.intake = intake;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    public LeadImport start(String tenantId, InputStream body, Map<String, String> explicitMapping) {
        Path file = spool(body);
        try {
            var checked = check(file, explicitMapping);
            var started = new LeadImport(
                    EventIds.next(clock).toString(),
                    tenantId,
                    LeadImport.Status.RUNNING,
                    checked.rows(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    List.of(),
                    null,
                    clock.instant(),
                    null);
            mongo.insert(started);
            workers.submit(() -> run(started, file, checked));
            return started;
        } catch (RuntimeException rejected) {
            delete(file);
            throw rejected;
        }
    }

    public LeadImport get(String tenantId, String id) {
        LeadImport found = mongo.findById(id, LeadImport.class);
        if (found == null || !tenantId.equals(found.tenantId())) {
            throw new ResourceNotFoundException("Import", id);
        }
        return found;
    }

    private record Checked(char delimiter, ColumnMapping mapping, long rows) {}

    /** A first pass that reads the whole file as CSV without keeping it: refuses what is not UTF-8 CSV. */
    private Checked check(Path file, Map<String, String> explicitMapping) {
        char delimiter;
        try (BufferedReader firstLine = reader(file)) {
            String header = firstLine.readLine();
            if (header == null || header.isBlank()) {
                throw invalid("file", "is empty: the first line must name the columns");
            }
            delimiter = CsvReader.detectDelimiter(header);
        } catch (CharacterCodingException e) {
            throw invalid("file", "is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (var csv = new CsvReader(reader(file), delimiter)) {
            var either = ColumnMapping.of(csv.next(), explicitMapping);
            if (!either.problems().isEmpty()) {
                throw new InvalidInputException(either.problems());
            }
            long rows = 0;
            while (csv.next() != null) {
                rows++;
                if (rows > properties.maxRows()) {
                    throw invalid("file", "has more than " + properties.maxRows() + " rows");
                }
            }
            if (rows == 0) {
                throw invalid("file", "has a header but no rows");
            }
            return new Checked(delimiter, either.mapping(), rows);
        } catch (CharacterCodingException e) {
            throw invalid("file", "is not UTF-8 text");
        } catch (CsvReader.MalformedCsvException e) {
            throw invalid("file", "is not valid CSV: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(LeadImport started, Path file, Checked checked) {
        var progress = new Progress(started);
        try (var csv = new CsvReader(reader(file), checked.delimiter())) {
            csv.next();
            Instant observedAt = started.startedAt();
            List<LeadDraft> chunk = new ArrayList<>(properties.chunkSize());
            List<Long> chunkLines = new ArrayList<>(properties.chunkSize());
            while (true) {
                long line = csv.line();
                List<String> values = csv.next();
                if (values != null) {
                    var row = checked.mapping().toDraft(values, "import:" + started.id() + ":" + line, observedAt);
                    if (row.draft() == null) {
                        progress.fail(line, row.problems());
                    } else {
                        chunk.add(row.draft());
                        chunkLines.add(line);
                    }
                }
                if (chunk.size() == properties.chunkSize() || (values == null && !chunk.isEmpty())) {
                    progress.add(chunkLines, intake.capture(started.tenantId(), chunk));
                    chunk.clear();
                    chunkLines.clear();
                    save(progress.snapshot(LeadImport.Status.RUNNING, null));
                }
                if (values == null) {
                    break;
                }
            }
            save(progress.snapshot(LeadImport.Status.DONE, null));
        } catch (Exception e) {
            log.error("Import {} failed", started.id(), e);
            save(progress.snapshot(
                    LeadImport.Status.FAILED,
                    "the import stopped: " + e.getClass().getSimpleName()));
        } finally {
            delete(file);
        }
    }

    private void save(LeadImport snapshot) {
        mongo.save(snapshot);
    }

    /** Counts kept in memory by the one worker of an import and written after every chunk. */
    private final class Progress {

        private final LeadImport started;
        private long done;
        private long created;
        private long merged;
        private long unchanged;
        private long failed;
        private final List<LeadImport.FailedRow> failures = new ArrayList<>();

        Progress(LeadImport started) {
            this.started = started;
        }

        void fail(long line, List<FieldError> errors) {
            done++;
            failed++;
            if (failures.size() < LeadImport.LISTED_FAILURES) {
                failures.add(new LeadImport.FailedRow(line, errors));
            }
        }

        void add(List<Long> lines, List<IntakeOutcome> outcomes) {
            for (int i = 0; i < outcomes.size(); i++) {
                var outcome = outcomes.get(i);
                switch (outcome.result()) {
                    case CREATED -> created++;
                    case MERGED -> merged++;
                    case UNCHANGED -> unchanged++;
                    case REJECTED -> {
                        fail(lines.get(i), outcome.errors());
                        continue;
                    }
                }
                done++;
            }
        }

        LeadImport snapshot(LeadImport.Status status, String error) {
            failures.sort(java.util.Comparator.comparingLong(LeadImport.FailedRow::line));
            return new LeadImport(
                    started.id(),
                    started.tenantId(),
                    status,
                    started.rowsTotal(),
                    done,
                    created,
                    merged,
                    unchanged,
                    failed,
                    List.copyOf(failures),
                    error,
                    started.startedAt(),
                    status == LeadImport.Status.RUNNING ? null : clock.instant());
        }
    }

    private Path spool(InputStream body) {
        try {
            Path file = Files.createTempFile("stageflow-import-", ".csv");
            long limit = properties.maxFileSize().toBytes();
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int read;
                while ((read = body.read(buffer)) != -1) {
                    total += read;
                    if (total > limit) {
                        delete(file);
                        throw new ResponseStatusException(
                                HttpStatus.CONTENT_TOO_LARGE, "the file is larger than " + properties.maxFileSize());
                    }
                    out.write(buffer, 0, read);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 64 * 1024);
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete import file {}", file, e);
        }
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
