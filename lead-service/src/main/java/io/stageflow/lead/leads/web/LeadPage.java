package io.stageflow.lead.leads.web;

import java.util.List;

record LeadPage(List<LeadResponse> items, String nextCursor) {}
