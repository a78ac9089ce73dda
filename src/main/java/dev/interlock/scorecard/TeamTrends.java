package dev.interlock.scorecard;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.interlock.sql.Jdbc;

/**
 * The trend of one team on one scorecard: at the end of each day with a change, how many of the team's entities
 * reached each level, and the team's level by {@link TeamLevel}.
 */
@ApplicationScoped
public class TeamTrends {

    /**
     * One day of a team's trend.
     *
     * @param point how many of its entities reached each level ("none" for none)
     * @param level the team's level that day
     */
    public record Day(ScorecardService.TrendPoint point, String level) {
    }

    private static final int IN_CHUNK = 500;

    @Inject
    DataSource dataSource;

    /**
     * The trend of some entities (a team's) on a scorecard, oldest day first.
     *
     * @param levels the scorecard's levels, lowest first
     */
    public List<Day> of(String scorecardRef, List<String> levels, Collection<String> entityRefs) {
        record Row(String entity, String level, java.time.Instant at) {
        }
        List<Row> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>(new TreeSet<>(entityRefs));
        Jdbc.run(dataSource, "team trend query", c -> {
            for (int i = 0; i < keys.size(); i += IN_CHUNK) {
                List<String> chunk = keys.subList(i, Math.min(keys.size(), i + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT entity_ref, level, evaluated_at FROM"
                        + " scorecard_history WHERE scorecard_ref = ? AND entity_ref IN (" + Jdbc.marks(chunk.size())
                        + ")")) {
                    ps.setString(1, scorecardRef);
                    for (int j = 0; j < chunk.size(); j++) {
                        ps.setString(j + 2, chunk.get(j));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                        }
                    }
                }
            }
            return null;
        });
        rows.sort(Comparator.comparing(Row::at));
        Map<String, String> latest = new HashMap<>();
        List<Day> out = new ArrayList<>();
        String day = null;
        for (Row row : rows) {
            String d = row.at().toString().substring(0, 10);
            if (day != null && !d.equals(day)) {
                out.add(day(day, levels, latest));
            }
            day = d;
            if (ScorecardService.REMOVED.equals(row.level())) {
                latest.remove(row.entity());
            } else {
                latest.put(row.entity(), row.level() == null ? TeamLevel.NONE : row.level());
            }
        }
        if (day != null) {
            out.add(day(day, levels, latest));
        }
        return out;
    }

    private static Day day(String day, List<String> levels, Map<String, String> latest) {
        Map<String, Long> counts = new HashMap<>();
        latest.values().forEach(l -> counts.merge(l, 1L, Long::sum));
        return new Day(new ScorecardService.TrendPoint(day, counts),
                TeamLevel.of(levels, latest.values()).orElse(TeamLevel.NONE));
    }
}
