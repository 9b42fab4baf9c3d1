package io.stageflow.survey.runs.web;

import io.stageflow.survey.runs.ResponseIntake;
import io.stageflow.survey.runs.ResponseIntake.Answer;
import io.stageflow.survey.runs.ResponseIntake.Questionnaire;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The anonymous side: whoever holds an invitation link reads the questions and answers once. No bearer token
 * and no identity: the single-use token is the only authorisation, and it is never stored with the answers.
 */
@RestController
@RequestMapping("/api/v1/responses")
class ResponseController {

    private final ResponseIntake intake;

    ResponseController(ResponseIntake intake) {
        this.intake = intake;
    }

    record ResponseBody(List<Answer> answers) {}

    @GetMapping("/{token}")
    Questionnaire questionnaire(@PathVariable String token) {
        return intake.questionnaire(token);
    }

    @PostMapping("/{token}")
    ResponseEntity<Void> answer(@PathVariable String token, @RequestBody ResponseBody body) {
        intake.submit(token, body == null ? null : body.answers());
        return ResponseEntity.noContent().build();
    }
}
