package dev.interlock.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.interlock.descriptor.Descriptor;

/** Runs every {@link EntityPolicy} over a document and gathers what they find. */
@ApplicationScoped
public class EntityValidator {

    private final List<EntityPolicy> policies;

    @Inject
    public EntityValidator(Instance<EntityPolicy> policies) {
        this(policies.stream().toList());
    }

    /** For unit tests: validate with exactly these policies. */
    public EntityValidator(List<EntityPolicy> policies) {
        this.policies = policies.stream().sorted(Comparator.comparingInt(EntityPolicy::order)).toList();
    }

    /** All errors and warnings of one document, in the order the policies found them. */
    @SuppressWarnings("unchecked")
    public List<Problem> validate(Descriptor descriptor) {
        Problems problems = new Problems(descriptor);
        if (!(descriptor.root() instanceof Map)) {
            problems.error(null, "expected an entity object (a mapping with apiVersion, kind, metadata and spec) but "
                    + "found " + Values.describe(descriptor.root()));
            return problems.list();
        }
        Map<String, Object> entity = (Map<String, Object>) descriptor.root();
        for (EntityPolicy policy : policies) {
            policy.check(descriptor, entity, problems);
        }
        return new ArrayList<>(problems.list());
    }
}
