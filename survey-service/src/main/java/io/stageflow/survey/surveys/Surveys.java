package io.stageflow.survey.surveys;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface Surveys extends MongoRepository<Survey, String> {

    List<Survey> findByActiveTrueAndNextRunAtLessThanEqual(Instant now);
}
