package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** Alert and override statistics over a period, one group per rule, knowledge row, drug, user or day. */
@JsonPropertyOrder({"from", "to", "groupBy", "alerts", "groups"})
public record AlertStatisticsReport(String from, String to, String groupBy, long alerts, List<AlertGroup> groups) {
}
