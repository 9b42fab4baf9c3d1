package io.stageflow.lead.leads.web;

import io.stageflow.lead.leads.NewLead;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record CreateLeadRequest(
        @NotBlank
        @Size(max = 254)
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address")
        String email,

        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 200) String company,

        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,39}", message = "must be a lower-case key such as web, event or import")
        String source) {

    NewLead toNewLead() {
        return new NewLead(email, firstName, lastName, company, source == null ? "api" : source);
    }
}
