package io.stageflow.lead.imports;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * CSV imports.
 *
 * @param chunkSize rows handed to intake at once (one read and one bulk insert per chunk)
 * @param maxRows the most rows one file may have
 * @param maxFileSize the largest file accepted
 */
@Validated
@ConfigurationProperties("stageflow.lead.imports")
public record ImportProperties(
        @DefaultValue("500") @Min(1) @Max(1000) int chunkSize,
        @DefaultValue("100000") @Min(1) int maxRows,
        @DefaultValue("64MB") DataSize maxFileSize) {}
