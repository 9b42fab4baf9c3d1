package io.stageflow.survey.employees;

import io.stageflow.platform.csv.CsvReader;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an employee spreadsheet exported from an HR system: a header row naming the columns (English or
 * German, any order, any case), comma, semicolon or tab separated. Unknown columns are ignored.
 */
final class EmployeeCsv {

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("email", "email"),
            Map.entry("e-mail", "email"),
            Map.entry("mail", "email"),
            Map.entry("name", "name"),
            Map.entry("full name", "name"),
            Map.entry("userid", "userId"),
            Map.entry("user id", "userId"),
            Map.entry("login", "userId"),
            Map.entry("team", "team"),
            Map.entry("department", "department"),
            Map.entry("abteilung", "department"),
            Map.entry("location", "location"),
            Map.entry("standort", "location"),
            Map.entry("office", "location"),
            Map.entry("manager", "managerEmail"),
            Map.entry("manager email", "managerEmail"),
            Map.entry("manageremail", "managerEmail"),
            Map.entry("vorgesetzte", "managerEmail"),
            Map.entry("vorgesetzter", "managerEmail"),
            Map.entry("managerid", "managerId"),
            Map.entry("manager id", "managerId"));

    private EmployeeCsv() {}

    /** Row names for errors: {@code rows[2]} is the first data row (the header is row 1), as a spreadsheet counts. */
    static String rowName(int index) {
        return "rows[" + (index + 2) + "]";
    }

    static List<EmployeeDraft> parse(String text) {
        String header =
                new BufferedReader(new StringReader(text)).lines().findFirst().orElse("");
        char delimiter = CsvReader.detectDelimiter(header);
        try (var csv = new CsvReader(new StringReader(text), delimiter)) {
            List<String> names = csv.next();
            if (names == null) {
                throw invalid("file", "is empty; the first row must name the columns");
            }
            Map<String, Integer> columnOf = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String field = COLUMNS.get(names.get(i).strip().toLowerCase(Locale.ROOT));
                if (field != null) {
                    columnOf.putIfAbsent(field, i);
                }
            }
            if (!columnOf.containsKey("email") || !columnOf.containsKey("name")) {
                throw invalid("header", "needs the columns email and name");
            }
            List<EmployeeDraft> drafts = new ArrayList<>();
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
                if (row.stream().allMatch(String::isBlank)) {
                    continue;
                }
                drafts.add(new EmployeeDraft(
                        cell(row, columnOf, "email"),
                        cell(row, columnOf, "name"),
                        cell(row, columnOf, "userId"),
                        cell(row, columnOf, "team"),
                        cell(row, columnOf, "department"),
                        cell(row, columnOf, "location"),
                        cell(row, columnOf, "managerId"),
                        cell(row, columnOf, "managerEmail")));
            }
            return drafts;
        } catch (CsvReader.MalformedCsvException e) {
            throw invalid("file", e.getMessage());
        } catch (IOException e) {
            throw invalid("file", "could not be read");
        }
    }

    private static String cell(List<String> row, Map<String, Integer> columnOf, String field) {
        Integer column = columnOf.get(field);
        if (column == null || column >= row.size()) {
            return null;
        }
        String value = row.get(column).strip();
        return value.isEmpty() ? null : value;
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }
}
