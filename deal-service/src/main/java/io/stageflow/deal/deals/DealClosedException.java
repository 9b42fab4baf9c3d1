package io.stageflow.deal.deals;

import io.stageflow.platform.web.ConflictException;
import java.util.Map;

/** The deal's status does not allow the change (moving a won deal, reopening an open one). */
public class DealClosedException extends ConflictException {

    public DealClosedException(String dealId, DealStatus status, String attempted) {
        super(
                "illegal-deal-transition",
                "Deal " + dealId + " is " + status + " and cannot " + attempted,
                Map.of("status", status.name()));
    }
}
