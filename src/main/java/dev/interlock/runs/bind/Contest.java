package dev.interlock.runs.bind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.interlock.descriptor.EntityRef;

/**
 * A job this pipeline claims exactly and another pipeline claims exactly too.
 *
 * @param claim the annotation and job, e.g. {@code github.com/workflow ci.yml of acme/shop}
 * @param other the other pipeline
 * @param keeper the pipeline, of all that claim the job exactly, that keeps its runs (the one registered first):
 *     the other, a third one, or null when this one does
 * @param sameMoment whether the keeper was registered at the same moment (in one body) as the pipeline the
 *     sentence compares it with: this pipeline, or the other when this one keeps the runs; the first by reference
 *     then keeps them
 */
public record Contest(String claim, EntityRef other, EntityRef keeper, boolean sameMoment) {

    /** Whether the other pipeline, registered earlier than every other claim, keeps the job's runs. */
    public boolean othersKeep() {
        return other.equals(keeper);
    }

    /** A third pipeline that keeps the job's runs, registered before both, or null. */
    public EntityRef thirdKeeper() {
        return keeper == null || othersKeep() ? null : keeper;
    }

    /** The contest in one sentence, as a registration's warning gives it. */
    public String sentence() {
        if (sameMoment && othersKeep()) {
            return claim + " is also claimed by " + other + ", registered at the same moment: its runs go to " + other
                    + ", first by reference, and this pipeline gets none of them";
        }
        if (sameMoment && keeper == null) {
            return claim + " is also claimed by " + other + ", registered at the same moment: its runs go to"
                    + " this pipeline, first by reference, and " + other + " gets none of them";
        }
        if (sameMoment) {
            return claim + " is also claimed by " + other + ": its runs go to " + keeper + ", registered at the"
                    + " same moment as this pipeline and first by reference, and this pipeline gets none of them";
        }
        if (othersKeep()) {
            return claim + " is already claimed by " + other + ", registered earlier: its runs stay with " + other
                    + " and this pipeline gets none of them";
        }
        if (keeper != null) {
            return claim + " is also claimed by " + other + ": its runs stay with " + keeper
                    + ", registered first, and this pipeline gets none of them";
        }
        return claim + " is also claimed by " + other + ", registered later: its runs stay with this pipeline";
    }

    /**
     * At most this many contests are said one by one per claim: a job claimed by every one of a thousand pipelines in
     * one body (a monorepo's descriptors made from one template) would otherwise give each a thousand warnings, a
     * million in one answer, and each page a thousand lines.
     */
    static final int SAID_PER_CLAIM = 3;

    /**
     * The contests of one claim as they are said: the one naming the pipeline that keeps the runs first, then others
     * up to {@link #SAID_PER_CLAIM}; past it, the rest are counted ({@code more}), none of them keeping the runs.
     */
    public record Said(String claim, List<Contest> said, List<EntityRef> more) {

        /** The pipelines counted, a few by name: "N more pipelines, which get none of its runs: a, b, c and M more". */
        public String moreText() {
            List<String> named = more.stream().limit(3).map(EntityRef::toString).toList();
            return more.size() + (more.size() == 1 ? " more pipeline, which gets" : " more pipelines, which get")
                    + " none of its runs: " + String.join(", ", named)
                    + (more.size() > named.size() ? " and " + (more.size() - named.size()) + " more" : "");
        }
    }

    /** The contests grouped by claim as they are said ({@link Said}), claims in the order found. */
    public static List<Said> said(List<Contest> contests) {
        Map<String, List<Contest>> byClaim = new LinkedHashMap<>();
        contests.forEach(
                c -> byClaim.computeIfAbsent(c.claim(), k -> new ArrayList<>()).add(c));
        List<Said> out = new ArrayList<>();
        byClaim.forEach((claim, all) -> {
            List<Contest> ordered = new ArrayList<>(all);
            // The keeper first, then by reference: the page's snapshot and a registration's list the pipelines in
            // different orders, and both should name the same few.
            ordered.sort(java.util.Comparator.comparing((Contest c) -> !c.othersKeep())
                    .thenComparing(c -> c.other().toString()));
            int said = ordered.size() <= SAID_PER_CLAIM ? ordered.size() : SAID_PER_CLAIM - 1;
            out.add(new Said(
                    claim,
                    List.copyOf(ordered.subList(0, said)),
                    ordered.subList(said, ordered.size()).stream()
                            .map(Contest::other)
                            .toList()));
        });
        return out;
    }

    /** The contests as a registration's warnings give them. */
    static List<String> sentences(List<Contest> contests) {
        List<String> out = new ArrayList<>();
        for (Said s : said(contests)) {
            s.said().forEach(c -> out.add(c.sentence()));
            if (!s.more().isEmpty()) {
                out.add(s.claim() + " is also claimed by " + s.moreText());
            }
        }
        return out;
    }
}
