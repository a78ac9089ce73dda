package dev.interlock.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.model.Node;

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
        this.policies = policies.stream()
                .sorted(Comparator.comparingInt(EntityPolicy::order))
                .toList();
    }

    /** All errors and warnings of one document, in the order the policies found them. */
    public List<Problem> validate(Descriptor descriptor) {
        Problems problems = new Problems(descriptor);
        Node entity = Node.of(descriptor.root());
        if (!entity.isObject()) {
            problems.error(
                    null,
                    "expected an entity object (a mapping with apiVersion, kind, metadata and spec) but " + "found "
                            + Values.describe(descriptor.root()));
            return problems.list();
        }
        for (EntityPolicy policy : policies) {
            policy.check(descriptor, entity, problems);
        }
        return new ArrayList<>(problems.list());
    }
}
