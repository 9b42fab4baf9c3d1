package io.stageflow.platform.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTests {

    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndLineBreaksAndSkipsTheByteOrderMark() throws IOException {
        String csv = "\uFEFFE-Mail;Firma;Notiz\r\n"
                + "a@example.de;\"Müller; Söhne\";\"sagt \"\"hallo\"\"\r\nzweite Zeile\"\r\n"
                + "\r\n"
                + "b@example.de;;\n";

        List<List<String>> records = readAll(csv, ';');

        assertThat(records)
                .containsExactly(
                        List.of("E-Mail", "Firma", "Notiz"),
                        List.of("a@example.de", "Müller; Söhne", "sagt \"hallo\"\r\nzweite Zeile"),
                        List.of("b@example.de", "", ""));
    }

    @Test
    void knowsTheLineEachRecordStartsOn() throws IOException {
        var reader = new CsvReader(new StringReader("h\n\"multi\nline\"\nnext\n"), ',');
        reader.next();
        reader.next();

        assertThat(reader.line()).isEqualTo(4);
        assertThat(reader.next()).containsExactly("next");
    }

    @Test
    void refusesAnUnclosedQuoteAndTextAfterAClosingQuote() {
        assertThatThrownBy(() -> readAll("a,\"open\n", ',')).isInstanceOf(CsvReader.MalformedCsvException.class);
        assertThatThrownBy(() -> readAll("a,\"closed\"tail\n", ','))
                .isInstanceOf(CsvReader.MalformedCsvException.class);
    }

    @Test
    void detectsSemicolonsAsGermanSpreadsheetsWriteThem() {
        assertThat(CsvReader.detectDelimiter("E-Mail;Vorname;Firma, Ort")).isEqualTo(';');
        assertThat(CsvReader.detectDelimiter("email,first name,company")).isEqualTo(',');
    }

    private static List<List<String>> readAll(String csv, char delimiter) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (var reader = new CsvReader(new StringReader(csv), delimiter)) {
            List<String> record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }
}
