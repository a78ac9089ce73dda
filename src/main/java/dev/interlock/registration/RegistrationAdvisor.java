package dev.interlock.registration;

import java.util.List;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;

/**
 * Asked for notes on an entity being registered that only another feature can give (a pipeline claiming a job another
 * pipeline already claims): warnings in the registration's outcome, never a refusal.
 */
public interface RegistrationAdvisor {

    /**
     * @param ref the entity
     * @param body the body as it will be stored
     * @param together every entity of the same registration (this one included), as each will be stored, with when
     *     each was first registered: what the catalog will hold once the registration is, beside what it holds now
     * @return warnings, each saying what is wrong and where
     */
    List<String> warnings(EntityRef ref, Entity body, RegisteredTogether together);
}
