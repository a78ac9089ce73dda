package dev.interlock.runs.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.interlock.descriptor.EntityRef;
import dev.interlock.pipeline.PipelinePolicy;
import dev.interlock.runs.derive.Health;

/**
 * The filters of the health overview ({@code /runs}), all in its address: statuses, family, team (a department takes in
 * the teams under it, as its page does) and production only. Each link of the page changes one filter and keeps the
 * others, so a leader narrows "failing now" to her team's production pipelines in three clicks.
 *
 * @param statuses the statuses shown, in {@link Health#STATUSES} order; empty: every status
 * @param family {@code data}, {@code delivery}, or {@code null} for both
 * @param team the team whose pipelines are shown, or {@code null} for every team
 * @param production only pipelines whose lifecycle is {@code production}
 * @param page the page of the list, from 1 (a number that is none is the first)
 */
public record HealthFilter(Set<String> statuses, String family, EntityRef team, boolean production, int page) {

    /**
     * The filters of an address, read leniently as page filters are: words that are no status and a family that is
     * none are left out. The team is parsed by the caller, which answers 404 for a team the catalog lacks.
     */
    static HealthFilter of(String status, String family, EntityRef team, String production, String page) {
        Set<String> asked = status == null
                ? Set.of()
                : Arrays.stream(status.split(",")).map(String::strip).collect(Collectors.toSet());
        Set<String> statuses =
                Health.STATUSES.stream().filter(asked::contains).collect(Collectors.toCollection(LinkedHashSet::new));
        String fam = family != null && PipelinePolicy.FAMILIES.contains(family) ? family : null;
        int number;
        try {
            number = Integer.parseInt(page == null ? "1" : page.strip());
        } catch (NumberFormatException e) {
            number = 1;
        }
        return new HealthFilter(statuses, fam, team, "true".equals(production), number < 1 ? 1 : number);
    }

    /** This page of the same list. */
    public String atPage(int number) {
        String url = url(statuses, family, production);
        return number <= 1 ? url : url + (url.contains("?") ? "&" : "?") + "page=" + number;
    }

    /** Whether this status is among those chosen. */
    public boolean chosen(String status) {
        return statuses.contains(status);
    }

    /** Every status, the other filters kept (each of these links starts again at the first page). */
    public String allStatuses() {
        return url(Set.of(), family, production);
    }

    /** Only this status, the other filters kept. */
    public String onlyStatus(String status) {
        return url(Set.of(status), family, production);
    }

    /** Only this family ({@code null}: both), the other filters kept. */
    public String onlyFamily(String newFamily) {
        return url(statuses, newFamily, production);
    }

    /** Production only, or every lifecycle again, the other filters kept. */
    public String toggleProduction() {
        return url(statuses, family, !production);
    }

    /** The team as the team form sends it: its reference, or empty for every team. */
    public String teamValue() {
        return team == null ? "" : team.toString();
    }

    /** The chosen statuses as the address writes them, for the team form to keep. */
    public String statusParam() {
        return String.join(",", statuses);
    }

    private String url(Set<String> newStatuses, String newFamily, boolean newProduction) {
        StringBuilder url = new StringBuilder("/runs?");
        if (!newStatuses.isEmpty()) {
            url.append("status=").append(String.join(",", newStatuses)).append('&');
        }
        if (newFamily != null) {
            url.append("family=").append(newFamily).append('&');
        }
        if (team != null) {
            url.append("team=")
                    .append(URLEncoder.encode(team.toString(), StandardCharsets.UTF_8))
                    .append('&');
        }
        if (newProduction) {
            url.append("production=true&");
        }
        return url.substring(0, url.length() - 1);
    }
}
