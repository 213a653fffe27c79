package org.medsafety.cdshooks;

import org.medsafety.engine.Finding;
import org.medsafety.engine.Findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * At most {@code maxCards} cards in one response, the most serious kept: ONC high-priority interactions first, then
 * critical, warning and info; notices that screening was incomplete are always kept. When findings are left out, one
 * info card says how many, of which checks: a finding is never dropped silently. Pure, so that replays can apply
 * the same cap as the service did.
 */
public final class CardCap {

    /** Rule id of the card that counts the findings not shown. */
    public static final String NOT_SHOWN_RULE = "CARDS-NOT-SHOWN";
    /** Fewest cards a response may be limited to: the two completeness notices, the count, and two findings. */
    public static final int MIN_CARDS = 5;

    /** Notices that screening itself was incomplete: a clinician must always see them. */
    private static final Set<String> ALWAYS_SHOWN = Set.of(CardFactory.DATA_INCOMPLETE_RULE,
            Findings.DRAFT_ORDERS_NOT_SCREENED);

    private final int maxCards;

    /** @param maxCards medsafety.limits.cards; a smaller value than {@link #MIN_CARDS} is raised to it */
    public CardCap(int maxCards) {
        this.maxCards = Math.max(maxCards, MIN_CARDS);
    }

    public int maxCards() {
        return maxCards;
    }

    /** The findings to show, in their original order, followed by the count of those not shown (if any). */
    public List<Finding> apply(List<Finding> findings) {
        if (findings.size() <= maxCards) {
            return findings;
        }
        int room = maxCards - 1; // one card counts the rest
        boolean[] shown = new boolean[findings.size()];
        IntStream.range(0, findings.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> rank(findings.get(i))).thenComparingInt(i -> i))
                .limit(room).forEach(i -> shown[i] = true);
        List<Finding> result = new ArrayList<>(maxCards);
        List<Finding> notShown = new ArrayList<>(findings.size() - room);
        for (int i = 0; i < findings.size(); i++) {
            (shown[i] ? result : notShown).add(findings.get(i));
        }
        result.add(notShownFinding(notShown, room));
        return List.copyOf(result);
    }

    /** Lower is kept first. */
    private static int rank(Finding f) {
        if (ALWAYS_SHOWN.contains(f.ruleId())) {
            return 0;
        }
        if (f.oncHighPriority()) {
            return 1;
        }
        return switch (f.indicator()) {
            case "critical" -> 2;
            case "warning" -> 3;
            case "info" -> 4;
            default -> 5;
        };
    }

    private static Finding notShownFinding(List<Finding> notShown, int shown) {
        Map<String, int[]> byCheck = new TreeMap<>(); // check -> critical, warning, info
        for (Finding f : notShown) {
            int[] counts = byCheck.computeIfAbsent(f.check(), c -> new int[3]);
            counts[switch (f.indicator()) {
                case "critical" -> 0;
                case "warning" -> 1;
                default -> 2;
            }]++;
        }
        StringBuilder checks = new StringBuilder();
        StringBuilder table = new StringBuilder("| check | not shown | critical | warning | info |\n|---|---|---|---|---|\n");
        byCheck.forEach((check, c) -> {
            checks.append(checks.length() == 0 ? "" : ", ").append(check).append(' ').append(c[0] + c[1] + c[2]);
            table.append("| ").append(check).append(" | ").append(c[0] + c[1] + c[2]).append(" | ").append(c[0])
                    .append(" | ").append(c[1]).append(" | ").append(c[2]).append(" |\n");
        });
        String summary = "Not shown: " + notShown.size() + " more finding" + (notShown.size() == 1 ? "" : "s") + " ("
                + checks + ")";
        String detail = "This response shows at most " + (shown + 1) + " cards: the " + shown + " most serious findings "
                + "(ONC high-priority interactions first, then critical, warning and info) and this one. These "
                + "findings were **not shown**:\n\n" + table
                + "\nResolve the problems shown and check again to see the rest, or review the orders with the pharmacy.";
        return new Finding(NOT_SHOWN_RULE, "unscreened", null, "info", null, summary, detail,
                notShown.get(0).orderRef(), List.of(), List.of(), List.of(), null, false, List.of());
    }
}
