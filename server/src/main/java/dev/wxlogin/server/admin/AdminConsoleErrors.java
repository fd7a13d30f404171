package dev.wxlogin.server.admin;

import java.security.Principal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The console's own answer to an unknown id in its URLs ({@code /admin/users/<id>}, a website's
 * client_id): a 404 page, as the admin API answers 404, not the API's error body. Nothing to log: a
 * mistyped address is no failure of ours. Ahead of the API's handler, for the console's pages only.
 */
@ControllerAdvice(assignableTypes = {AdminConsoleController.class, AdminWebsitesConsoleController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminConsoleErrors {

    /** What the console's controllers throw for an id they do not know; any other status goes on as before. */
    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView status(ResponseStatusException failure, Principal admin) {
        if (failure.getStatusCode().value() != HttpStatus.NOT_FOUND.value()) {
            throw failure;
        }
        return notFound(admin);
    }

    /** An id that is not even a number is no user either. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView malformedId(Principal admin) {
        return notFound(admin);
    }

    private static ModelAndView notFound(Principal admin) {
        ModelAndView page = new ModelAndView("admin/not-found");
        page.setStatus(HttpStatus.NOT_FOUND);
        page.addObject("adminName", admin == null ? null : admin.getName());
        return page;
    }
}
