package dev.interlock.validate;

import java.util.List;

import dev.interlock.pipeline.PipelinePolicy;
import dev.interlock.scorecard.ScorecardPolicy;
import dev.interlock.validation.EntityPolicy;
import dev.interlock.validation.EntitySizePolicy;
import dev.interlock.validation.EntityValidator;
import dev.interlock.validation.EnvelopePolicy;
import dev.interlock.validation.FieldFormatPolicy;
import dev.interlock.validation.KindPolicy;
import dev.interlock.validation.ReferencePolicy;

/**
 * The entity policies the server registers with, built without CDI: the server gets them as beans, the offline
 * validator from here ({@code PoliciesTest} checks the two lists are the same).
 */
public final class Policies {

    private Policies() {}

    /** A new instance of every entity policy. */
    public static List<EntityPolicy> all() {
        return List.of(
                new EntitySizePolicy(),
                new EnvelopePolicy(),
                new FieldFormatPolicy(),
                new KindPolicy(),
                new ReferencePolicy(),
                new PipelinePolicy(),
                new ScorecardPolicy());
    }

    /** The registration validator with every policy. */
    public static EntityValidator validator() {
        return new EntityValidator(all());
    }
}
