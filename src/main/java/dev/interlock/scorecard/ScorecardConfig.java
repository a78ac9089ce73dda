package dev.interlock.scorecard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How scorecards show on pages ({@code interlock.scorecards.*}). */
@ConfigMapping(prefix = "interlock.scorecards")
public interface ScorecardConfig {

    /**
     * The scorecard whose level the pipelines, team and start pages show, by name (default namespace) or reference.
     * Only this scorecard's results appear there, labelled with its title; other scorecards show under their own
     * names on the entity and scorecard pages.
     */
    @WithDefault("survivability")
    String headline();
}
