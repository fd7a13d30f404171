package dev.wxlogin.server.admin;

import java.util.List;
import java.util.stream.Collectors;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * A website that cannot be registered as given: the admin API answers 400 {@code INVALID_FIELD} naming
 * every problem; the console shows them on the form.
 */
public class InvalidWebsiteException extends ApiException {

    private final transient List<WebsiteRegistration.Problem> problems;

    InvalidWebsiteException(List<WebsiteRegistration.Problem> problems) {
        super(ApiError.INVALID_FIELD, problems.stream().map(WebsiteRegistration.Problem::describe).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** Everything wrong, in the order of the fields. */
    public List<WebsiteRegistration.Problem> problems() {
        return problems;
    }
}
