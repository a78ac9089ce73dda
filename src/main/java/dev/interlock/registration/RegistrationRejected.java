package dev.interlock.registration;

import java.util.List;

import dev.interlock.validation.Problem;

/** A body was refused because at least one document is invalid; nothing of it was stored. */
public class RegistrationRejected extends RuntimeException {

    private final List<Problem> errors;

    public RegistrationRejected(List<Problem> errors) {
        super(
                errors.size() == 1
                        ? errors.get(0).message()
                        : errors.size() + " problems; the first: "
                                + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<Problem> errors() {
        return errors;
    }
}
