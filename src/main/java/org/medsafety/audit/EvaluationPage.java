package org.medsafety.audit;

import java.util.List;

/** One page of an audit search, newest first; {@code next} is the cursor of the following page (null: last). */
public record EvaluationPage(List<EvaluationView> items, Long next) {
}
