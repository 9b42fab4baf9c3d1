package io.stageflow.analytics.rebuild;

import io.stageflow.platform.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilding the projections from the topics: {@code POST} starts it (202, or 409 while one runs), {@code GET}
 * shows how far it got. It rebuilds every tenant's projections at once, so only admins may.
 */
@RestController
@RequestMapping("/api/v1/analytics/rebuild")
class RebuildController {

    private final ProjectionRebuild rebuild;

    RebuildController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** Runs before every endpoint here, so a caller without the role learns nothing about a rebuild. */
    @ModelAttribute
    void onlyAdmins(Caller caller) {
        caller.requireAnyRole("ADMIN");
    }

    @PostMapping
    ResponseEntity<RebuildProgress> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.start());
    }

    @GetMapping
    RebuildProgress progress() {
        return rebuild.progress();
    }
}
