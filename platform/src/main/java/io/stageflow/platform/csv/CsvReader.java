package io.stageflow.platform.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180) one record at a time, never the whole file: quoted fields may hold the delimiter,
 * doubled quotes and line breaks. A leading byte-order mark is skipped (Excel writes one).
 */
public final class CsvReader implements AutoCloseable {

    private final Reader in;
    private final char delimiter;
    private int peeked = -2;
    private long line = 1;

    public CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The line the next record starts on (1-based), for error messages. */
    public long line() {
        return line;
    }

    /** The next record's fields, or null at the end of the input. */
    public List<String> next() throws IOException {
        int c = read();
        if (c == 0xFEFF) {
            c = read();
        }
        while (c == '\r' || c == '\n') {
            countLine(c);
            c = read();
        }
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new MalformedCsvException(line, "a quoted field is not closed");
                }
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                fields.add(field.toString());
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        unread(after);
                    }
                }
                if (c != -1) {
                    line++;
                }
                return fields;
            } else if (wasQuoted) {
                throw new MalformedCsvException(line, "text after a closing quote");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** Guesses the delimiter from the header line: semicolons (German spreadsheets) or commas. */
    public static char detectDelimiter(String headerLine) {
        long semicolons = headerLine.chars().filter(ch -> ch == ';').count();
        long commas = headerLine.chars().filter(ch -> ch == ',').count();
        long tabs = headerLine.chars().filter(ch -> ch == '\t').count();
        if (tabs > semicolons && tabs > commas) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    private void countLine(int c) throws IOException {
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                unread(after);
            }
        }
        line++;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    public static final class MalformedCsvException extends RuntimeException {

        MalformedCsvException(long line, String problem) {
            super("line " + line + ": " + problem);
        }
    }
}
