package dev.interlock.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much the pages show at once ({@code interlock.web.*}): page sizes, list caps, preview and graph limits. */
@ConfigMapping(prefix = "interlock.web")
public interface WebConfig {

    /** The catalog page and an entity's page. */
    Catalog catalog();

    /** The pipelines page. */
    Pipelines pipelines();

    /** The start page. */
    Home home();

    /** The register preview. */
    Preview preview();

    /** The relation and flow pictures. */
    Graph graph();

    /** The catalog page ({@code /catalog}) and one entity's page. */
    interface Catalog {

        /** Results per page when the URL names no {@code size}. */
        @WithDefault("25")
        int pageSize();

        /** Largest {@code size} a URL may ask for; a larger one falls back to {@link #pageSize()}. */
        @WithDefault("100")
        int maxPageSize();

        /** Values shown per facet (a chosen value is always shown). */
        @WithDefault("12")
        int facetValues();

        /** Most members and owned entities a team page lists. */
        @WithDefault("500")
        int groupLimit();

        /** Most entities an impact page lists. */
        @WithDefault("500")
        int impactLimit();

        /** Most changes an entity's history tab lists, newest first. */
        @WithDefault("50")
        int historyLimit();
    }

    /** The pipelines page ({@code /pipelines}). */
    interface Pipelines {

        /** Pipelines per page. */
        @WithDefault("50")
        int pageSize();
    }

    /** The start page ({@code /}). */
    interface Home {

        /** Pipelines at risk shown. */
        @WithDefault("8")
        int riskyShown();

        /** Production single-point-of-failure pipelines read to pick the ones shown, lowest level first. */
        @WithDefault("200")
        int riskyScanned();

        /** Recent changes shown. */
        @WithDefault("10")
        int recentChanges();

        /** Entity types shown in the catalog's summary, most common first. */
        @WithDefault("8")
        int typesShown();
    }

    /** The register preview ({@code /register/preview}). */
    interface Preview {

        /**
         * Largest text, in code points, for which the preview looks up owners and would-be levels; the preview
         * itself is bounded by the request body limit.
         */
        @WithDefault("3145728")
        long maxCodePoints();
    }

    /** The relation and flow pictures of entity and team pages. */
    interface Graph {

        /** Most boxes drawn; the rest are counted in a note under the picture. */
        @WithDefault("40")
        int maxNodes();
    }
}
