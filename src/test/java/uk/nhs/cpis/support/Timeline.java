package uk.nhs.cpis.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;

/**
 * Gives each batch test a day of its own. The batch's watermark only moves forward and is shared by
 * every test on the database (kept across runs on PostgreSQL), so a test's access events must come
 * after every event and cut-off before it; tests set the injected clock to days in the future.
 */
@ApplicationScoped
public class Timeline {
    private static final Instant FIRST = Instant.parse("2031-01-06T00:00:00Z");

    @Inject
    Database database;
    @Inject
    MutableClock clock;

    private Instant issued = FIRST;

    /**
     * Midnight (UTC) of a day two days after anything earlier tests stored or ran; the test clock is set
     * to it, since every test that takes a day starts its story there.
     */
    public synchronized Instant freshDay() {
        Instant latest = issued;
        for (String sql : new String[] { "select max(cutoff) from batch_run", "select max(accessed_at) from access_event",
                "select max(accessed_at) from asn_watermark" }) {
            // An aggregate always answers one row; its value is null on an empty table.
            Optional<Instant> found = database.queryFirst(sql, Database.NO_PARAMETERS,
                    row -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant)).orElseThrow();
            if (found.isPresent() && found.get().isAfter(latest)) {
                latest = found.get();
            }
        }
        issued = latest.truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS);
        clock.set(issued);
        return issued;
    }
}
