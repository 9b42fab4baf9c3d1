package io.stageflow.deal.deals;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface Deals extends MongoRepository<Deal, String>, DealSearchRepository {}
