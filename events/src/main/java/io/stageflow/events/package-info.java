/**
 * Stageflow's event contracts: one record per event type, CloudEvents names, topics. Contracts only:
 * no Spring, no persistence, no behaviour (an ArchUnit test keeps it so).
 */
package io.stageflow.events;
