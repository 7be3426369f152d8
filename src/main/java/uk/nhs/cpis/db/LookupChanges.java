package uk.nhs.cpis.db;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The change log of what lookups show (tables {@code lookup_version}, {@code lookup_change}): the writers of
 * plans, register entries and staff restrictions name the NHS numbers they change, and as their transaction
 * commits it takes the next version and lists them, so every instance's in-memory lookup snapshot knows what to
 * read again. The version is taken last, just before the commit, so that the row lock that orders versions as
 * commits is held only for the commit itself and never while the transaction waits for another lock.
 */
@ApplicationScoped
public class LookupChanges {
    /**
     * Numbers listed one by one in a transaction at most; a larger change (a register load) is recorded as a
     * change to everything, which every instance answers by reading all again.
     */
    public static final int MAX_LISTED = 5_000;

    /** The last committed version, and the version up to which the listed changes were purged. */
    public record Head(long version, long purgedThrough) {
    }

    private static final Object PENDING = LookupChanges.class;

    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    Database database;
    @Inject
    Clock clock;

    /** Records, with the current transaction, that lookups of these numbers may now show something else. */
    public void changed(Collection<String> nhsNumbers) {
        if (!nhsNumbers.isEmpty()) {
            pending().nhsNumbers.addAll(nhsNumbers);
        }
    }

    public Head head() {
        return database.queryFirst("select version, purged_through from lookup_version where id = 1",
                Database.NO_PARAMETERS, row -> new Head(row.getLong(1), row.getLong(2))).orElseThrow();
    }

    /**
     * The numbers changed after version {@code after} up to {@code through}, in no particular order; a null
     * element stands for everything.
     */
    public List<String> between(long after, long through) {
        return database.query("select nhs_number from lookup_change where version > ? and version <= ?",
                statement -> {
                    statement.setLong(1, after);
                    statement.setLong(2, through);
                }, row -> row.getString(1));
    }

    /** Housekeeping: drops the changes recorded before {@code before}; an instance behind them reloads all. */
    public int purgeBefore(Instant before) {
        long through = database.queryFirst("select coalesce(max(version), 0) from lookup_change where changed_at < ?",
                statement -> Jdbc.setInstant(statement, 1, before), row -> row.getLong(1)).orElse(0L);
        if (through == 0) {
            return 0;
        }
        database.update("update lookup_version set purged_through = ? where id = 1 and purged_through < ?",
                statement -> {
                    statement.setLong(1, through);
                    statement.setLong(2, through);
                });
        return database.update("delete from lookup_change where version <= ?", statement -> statement.setLong(1, through));
    }

    private Pending pending() {
        if (transactions.getTransactionKey() == null) {
            // Outside a transaction the data would be visible before its version: an instance could miss it.
            throw new IllegalStateException("a change to what lookups show must be made in a transaction");
        }
        Pending pending = (Pending) transactions.getResource(PENDING);
        if (pending == null) {
            pending = new Pending();
            transactions.putResource(PENDING, pending);
            transactions.registerInterposedSynchronization(pending);
        }
        return pending;
    }

    private void record(Set<String> nhsNumbers) {
        database.update("update lookup_version set version = version + 1 where id = 1", Database.NO_PARAMETERS);
        long version = head().version();
        Instant now = clock.instant();
        Collection<String> listed = nhsNumbers.size() > MAX_LISTED ? Collections.singletonList(null) : nhsNumbers;
        database.batch("insert into lookup_change (version, nhs_number, changed_at) values (?, ?, ?)", listed,
                (statement, nhsNumber) -> {
                    statement.setLong(1, version);
                    statement.setString(2, nhsNumber);
                    Jdbc.setInstant(statement, 3, now);
                });
    }

    private final class Pending implements Synchronization {
        final Set<String> nhsNumbers = new HashSet<>();

        @Override
        public void beforeCompletion() {
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                record(nhsNumbers);
            }
        }

        @Override
        public void afterCompletion(int status) {
        }
    }
}
