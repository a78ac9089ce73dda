package dev.interlock.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import dev.interlock.catalog.CatalogQueries;
import dev.interlock.catalog.Relation;
import dev.interlock.catalog.Relations;
import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.DescriptorReader;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationType;
import dev.interlock.model.Entity;
import dev.interlock.registration.RegistrationService;
import dev.interlock.scorecard.ScoreResult;
import dev.interlock.scorecard.Scorecard;
import dev.interlock.scorecard.ScorecardService;

/**
 * What the register preview adds before anything is stored ({@code inject:previewInsights.of(yaml)}): an owner or
 * maintainer that is neither in the catalog nor in the same text, and the level each scorecard would give.
 */
@Named("previewInsights")
@ApplicationScoped
public class PreviewInsights {

    /** The level one scorecard would give. */
    public record Level(String scorecard, String level, int failed) {}

    /** The notes of one entity of the preview. */
    public record Insight(List<String> warnings, List<Level> levels) {}

    @Inject
    RegistrationService registration;

    @Inject
    CatalogQueries queries;

    @Inject
    ScorecardService scorecards;

    @Inject
    WebConfig config;

    /** The notes by canonical reference; empty when the text does not read (the preview says why). */
    public Map<String, Insight> of(String yaml) {
        List<Descriptor> documents;
        try {
            documents = registration
                    .reader(config.preview().maxCodePoints())
                    .read(yaml, DescriptorReader.Format.YAML, "preview");
        } catch (RuntimeException e) {
            return Map.of();
        }
        Map<EntityRef, Entity> entities = new LinkedHashMap<>();
        Map<EntityRef, List<Relation>> relations = new HashMap<>();
        Set<String> inText = new HashSet<>();
        for (Descriptor d : documents) {
            Entity entity = Entity.of(d.root());
            if (!entity.root().isObject() || !entity.root().get("metadata").isObject()) {
                continue;
            }
            try {
                EntityRef self = entity.ref();
                List<Relation> rels = Relations.of(self, entity.tree());
                entities.put(self, entity);
                relations.put(self, rels);
                inText.add(self.toString());
            } catch (RuntimeException e) {
                // An entity the preview refuses anyway: it says why.
            }
        }
        Set<String> targets = new HashSet<>();
        relations.values().forEach(l -> l.forEach(r -> targets.add(r.target().toString())));
        Set<String> existing = queries.existing(targets);
        Map<String, Scorecard> cards = new HashMap<>();
        scorecards.scorecards().forEach(s -> cards.put(s.ref().toString(), s));
        Map<String, Insight> out = new HashMap<>();
        entities.forEach((self, entity) -> {
            List<String> warnings = new ArrayList<>();
            for (Relation r : relations.get(self)) {
                String target = r.target().toString();
                boolean known = existing.contains(target) || inText.contains(target);
                if (!known && r.type() == RelationType.OWNED_BY) {
                    warnings.add("The owner " + target + " is not in the catalog.");
                } else if (!known && r.type() == RelationType.MAINTAINED_BY) {
                    warnings.add("The maintainer " + target
                            + " is not in the catalog: until they are, they do not count as one.");
                }
            }
            List<Level> levels = new ArrayList<>();
            int unanswered = 0;
            try {
                for (ScoreResult result : scorecards.wouldScore(Entity.of(scoringShape(entity, relations.get(self))))) {
                    Scorecard card = cards.get(result.scorecardRef());
                    String title = card == null ? result.scorecardRef() : card.title();
                    for (ScoreResult.Failed f : result.failed()) {
                        if (f.error() != null && ++unanswered <= MOST_UNANSWERED) {
                            warnings.add("The check \u201c" + f.title() + "\u201d of the scorecard " + title
                                    + " counts as failed, as its rule gives no answer for this entity: " + f.error());
                        }
                    }
                    levels.add(new Level(
                            title,
                            result.level() == null ? "none" : result.level(),
                            result.failed().size()));
                }
            } catch (RuntimeException e) {
                // A rule that cannot read this entity: no levels to show.
            }
            if (unanswered > MOST_UNANSWERED) {
                // A scorecard whose rules all trip over one missing field would bury the other warnings.
                warnings.add("And " + (unanswered - MOST_UNANSWERED) + " more checks give no answer for this entity.");
            }
            out.put(self.toString(), new Insight(warnings, levels));
        });
        return out;
    }

    /** Most checks without an answer named one by one in an entity's warnings; the rest are counted. */
    static final int MOST_UNANSWERED = 5;

    /**
     * The entity as the scorecards read a stored one ({@link ScorecardService#wouldScore}): the document with
     * {@code metadata.namespace} set and its declared relations, built here at that edge.
     */
    private static Map<String, Object> scoringShape(Entity entity, List<Relation> relations) {
        Map<String, Object> tree = new LinkedHashMap<>(entity.tree());
        Map<String, Object> metadata =
                new LinkedHashMap<>(entity.root().get("metadata").asTree());
        metadata.putIfAbsent("namespace", EntityRef.DEFAULT_NAMESPACE);
        tree.put("metadata", metadata);
        tree.put(
                "relations",
                relations.stream()
                        .map(r -> Map.<String, Object>of(
                                "type", r.type().id(), "targetRef", r.target().toString()))
                        .toList());
        return tree;
    }
}
