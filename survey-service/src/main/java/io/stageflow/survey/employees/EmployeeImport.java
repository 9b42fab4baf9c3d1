package io.stageflow.survey.employees;

import io.stageflow.survey.employees.EmployeeDirectory.ImportResult;
import java.util.List;
import org.springframework.stereotype.Service;

/** The two doors into the directory, a JSON array and a CSV file, with one meaning. */
@Service
public class EmployeeImport {

    private final EmployeeDirectory directory;

    EmployeeImport(EmployeeDirectory directory) {
        this.directory = directory;
    }

    public ImportResult fromJson(String tenantId, List<EmployeeDraft> employees) {
        return directory.importAll(tenantId, employees == null ? List.of() : employees, index -> "[" + index + "]");
    }

    public ImportResult fromCsv(String tenantId, String csv) {
        return directory.importAll(tenantId, EmployeeCsv.parse(csv), EmployeeCsv::rowName);
    }
}
