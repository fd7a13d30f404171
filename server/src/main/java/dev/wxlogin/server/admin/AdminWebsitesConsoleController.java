package dev.wxlogin.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import dev.wxlogin.server.audit.AdminActor;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.oidc.OidcScopes;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The console's websites page ({@code /admin/websites}): the registered websites, a form to register
 * one, and one website's page to change it, give it a new secret or delete it. A generated secret is
 * answered in the page of the request that made it, once: never stored, redirected or put in the
 * session. Websites registered by configuration are shown read-only.
 */
@Hidden
@Controller
@RequestMapping("/admin/websites")
class AdminWebsitesConsoleController {

    private final AdminWebsites websites;

    AdminWebsitesConsoleController(AdminWebsites websites) {
        this.websites = websites;
    }

    /** The admin logged in, for the page header (as on the console's other pages). */
    @ModelAttribute("adminName")
    String adminName(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    /** The scopes the form offers. */
    @ModelAttribute("supportedScopes")
    List<String> supportedScopes() {
        return OidcScopes.supported();
    }

    /** The ID-token algorithms the form offers, the default first. */
    @ModelAttribute("idTokenAlgorithms")
    List<String> idTokenAlgorithms() {
        return WebsiteRegistration.ID_TOKEN_ALGORITHMS;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("websites", websites.list());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", WebsiteForm.blank());
        }
        return "admin/websites";
    }

    @PostMapping
    String create(@ModelAttribute("form") WebsiteForm form, AdminActor admin, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        try {
            AdminWebsites.Saved saved = websites.create(form.registration(form.clientId()), admin);
            return shown(saved, "website.created", model);
        } catch (InvalidWebsiteException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", e.problems());
            return list(model);
        } catch (ApiException e) {
            return refused(e, "/admin/websites", redirect);
        }
    }

    @GetMapping("/{clientId}")
    String website(@PathVariable String clientId, Model model) {
        Website website = websites.find(clientId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("website", website);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", WebsiteForm.of(website));
        }
        return "admin/website";
    }

    @PostMapping("/{clientId}")
    String update(@PathVariable String clientId, @ModelAttribute("form") WebsiteForm form, AdminActor admin, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            AdminWebsites.Saved saved = websites.update(form.registration(clientId), admin);
            if (saved.clientSecret() != null) {
                // Made confidential: its first secret is shown now or never.
                return shown(saved, "website.saved", model);
            }
            redirect.addFlashAttribute("notice", "website.saved");
            return "redirect:" + path(clientId);
        } catch (InvalidWebsiteException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", e.problems());
            return website(clientId, model);
        } catch (ApiException e) {
            return refused(e, path(clientId), redirect);
        }
    }

    @PostMapping("/{clientId}/secret")
    String newSecret(@PathVariable String clientId, AdminActor admin, Model model, RedirectAttributes redirect) {
        try {
            return shown(websites.newSecret(clientId, admin), "website.secretRenewed", model);
        } catch (ApiException e) {
            return refused(e, path(clientId), redirect);
        }
    }

    @PostMapping("/{clientId}/delete")
    String delete(@PathVariable String clientId, AdminActor admin, RedirectAttributes redirect) {
        try {
            websites.delete(clientId, admin);
            redirect.addFlashAttribute("notice", "website.deleted");
            return "redirect:/admin/websites";
        } catch (ApiException e) {
            return refused(e, path(clientId), redirect);
        }
    }

    /** The website's page with what was just done, and its new secret if there is one. */
    private String shown(AdminWebsites.Saved saved, String notice, Model model) {
        model.addAttribute("notice", notice);
        model.addAttribute("secret", saved.clientSecret());
        model.addAttribute("website", saved.website());
        model.addAttribute("form", WebsiteForm.of(saved.website()));
        return "admin/website";
    }

    /** Back to the website's page with why, or to the list when there is no such website. */
    private static String refused(ApiException refusal, String target, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", "website." + refusal.error().name());
        return "redirect:" + (refusal.error() == ApiError.ADMIN_NOT_FOUND ? "/admin/websites" : target);
    }

    private static String path(String clientId) {
        return "/admin/websites/" + UriUtils.encodePathSegment(clientId, StandardCharsets.UTF_8);
    }
}
