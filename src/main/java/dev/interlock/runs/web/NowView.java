package dev.interlock.runs.web;

import java.util.List;

/**
 * A pipeline failing or late now, with its blast radius: how many entities are downstream (transitively, from impact
 * analysis) and which pipelines among them.
 */
public record NowView(HealthView health, int affected, List<HealthView.Link> pipelines, String impactHref) {}
