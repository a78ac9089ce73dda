package dev.interlock.support;

import java.util.List;

import dev.interlock.pipeline.PipelinePolicy;
import dev.interlock.validation.EntityValidator;
import dev.interlock.validation.EnvelopePolicy;
import dev.interlock.validation.FieldFormatPolicy;
import dev.interlock.validation.KindPolicy;
import dev.interlock.validation.ReferencePolicy;

/** The validator with every policy, built without CDI for unit tests. */
public final class Validators {

    private Validators() {}

    public static EntityValidator all() {
        return new EntityValidator(List.of(
                new EnvelopePolicy(),
                new FieldFormatPolicy(),
                new KindPolicy(),
                new ReferencePolicy(),
                new PipelinePolicy()));
    }
}
