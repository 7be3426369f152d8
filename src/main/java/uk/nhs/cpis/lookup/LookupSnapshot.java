package uk.nhs.cpis.lookup;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import uk.nhs.cpis.db.LookupChanges;
import uk.nhs.cpis.demographics.LinkedNumbers;
import uk.nhs.cpis.fhir.LogRef;
import uk.nhs.cpis.lookup.LookupRepository.Restricting;
import uk.nhs.cpis.lookup.LookupRepository.ShownPlan;
import uk.nhs.cpis.plan.DisplayWindow;

/**
 * What lookups show, kept in memory by each instance: for every number of a supersession chain holding a plan
 * not withdrawn or named by a staff restriction, the chain's plans with their register entries and its
 * restrictions. Every transaction changing them takes the next version of the change log ({@link LookupChanges});
 * a snapshot behind the last version reads again the numbers changed since. A background refresher reads the
 * version every quarter of {@code cpis.lookup.max-lag}, and a lookup that finds the last read older than the lag
 * reads it itself before it answers: so a change committed on any instance shows in every lookup that starts
 * {@code max-lag} after the commit, on every instance, whether or not the refresher keeps up. A lookup then reads
 * the database only to tell whether the register holds a number that has no plan. The display window is applied
 * per lookup, so the day needs no change.
 */
@ApplicationScoped
public class LookupSnapshot {
    private static final Logger LOG = Logger.getLogger(LookupSnapshot.class);
    private static final Comparator<ShownPlan> DISPLAY_ORDER = Comparator
            .comparing((ShownPlan s) -> s.plan().start()).thenComparing(s -> s.plan().id());

    /**
     * The restriction stopping the user (if any, whichever organisation made it and whichever linked number
     * it names), the plans displayable on the day in display order, the numbers linked to the one looked up
     * (itself included), and whether the register holds the number looked up.
     */
    record Lookup(Optional<Long> restriction, List<ShownPlan> plans, Set<String> linkedNumbers, boolean registered) {
    }

    /** One supersession chain's plans (not withdrawn, in display order) and restrictions by user (the first). */
    private record Chain(Set<String> linkedNumbers, List<ShownPlan> plans, Map<String, Long> restrictionByUser) {
    }

    @Inject
    LookupRepository repository;
    @Inject
    LookupChanges changes;
    @Inject
    LookupConfig config;
    /** Monotonic time of the lag rule (not a date rule: the clock tests set must not stop it). */
    LongSupplier ticker = System::nanoTime;

    private final Map<String, Chain> chains = new ConcurrentHashMap<>();
    /** The version the snapshot holds; none before the first lookup reads everything. */
    private volatile long version = -1;
    /** Every change committed before this tick is in the snapshot (once {@link #checked}). */
    private final AtomicLong checkedAt = new AtomicLong();
    private volatile boolean checked;
    private volatile boolean refreshFailing;
    private ScheduledExecutorService refresher;

    @PostConstruct
    void startRefresher() {
        long every = config.maxLag().toNanos() / 4;
        if (every <= 0) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cpis-lookup-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.NANOSECONDS);
    }

    @PreDestroy
    void stopRefresher() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    Lookup read(String userId, String nhsNumber, LocalDate day) {
        long started = ticker.getAsLong();
        Optional<Boolean> registered = Optional.empty();
        if (!freshAt(started)) {
            LookupRepository.Probe probe = repository.probe(nhsNumber);
            caughtUp(probe.head(), started);
            registered = Optional.of(probe.registered());
        }
        Chain chain = chains.get(nhsNumber);
        boolean inRegister = registered.or(() -> registeredIn(chain, nhsNumber))
                .orElseGet(() -> repository.registered(nhsNumber));
        if (chain == null) {
            return new Lookup(Optional.empty(), List.of(), Set.of(nhsNumber), inRegister);
        }
        List<ShownPlan> shown = chain.plans().stream()
                .filter(s -> DisplayWindow.isDisplayableOn(s.plan().start(), s.plan().lastDisplayDay(), day)).toList();
        return new Lookup(Optional.ofNullable(chain.restrictionByUser().get(userId)), shown, chain.linkedNumbers(),
                inRegister);
    }

    /** The refresher's read of the change version; on failure the lookups read it themselves once past the lag. */
    void refresh() {
        try {
            long started = ticker.getAsLong();
            caughtUp(changes.head(), started);
            refreshFailing = false;
        } catch (RuntimeException e) {
            if (!refreshFailing) {
                LogRef.LOOKUP009.log(LOG, e.getClass().getName());
            }
            refreshFailing = true;
        }
    }

    private boolean freshAt(long tick) {
        long lag = config.maxLag().toNanos();
        return lag > 0 && checked && tick - checkedAt.get() <= lag;
    }

    /** Brings the snapshot up to {@code head}, read after {@code readStartedAt}. */
    private void caughtUp(LookupChanges.Head head, long readStartedAt) {
        if (head.version() > version) {
            catchUp(head);
        }
        checkedAt.accumulateAndGet(readStartedAt, (held, read) -> checked && held - read > 0 ? held : read);
        checked = true;
    }

    /** Known when a plan is held under the number: its register entry comes with it. */
    private static Optional<Boolean> registeredIn(Chain chain, String nhsNumber) {
        return chain == null ? Optional.empty() : chain.plans().stream()
                .filter(s -> s.plan().nhsNumber().equals(nhsNumber)).findFirst().map(s -> s.patient() != null);
    }

    /** Reads the changes up to {@code head}, once, whichever lookup gets here first. */
    private synchronized void catchUp(LookupChanges.Head head) {
        if (head.version() <= version) {
            return;
        }
        if (version < head.purgedThrough()) {
            reloadAll();
            return;
        }
        List<String> changed = changes.between(version, head.version());
        if (changed.contains(null) || changed.size() > LookupChanges.MAX_LISTED) {
            reloadAll();
            return;
        }
        Set<String> affected = new HashSet<>(changed);
        // A changed link can split a chain: every number of the chains held now is read again.
        changed.stream().map(chains::get).filter(c -> c != null).forEach(c -> affected.addAll(c.linkedNumbers()));
        Map<String, Set<String>> linked = repository.chains(affected);
        Set<String> numbers = linked.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        numbers.addAll(affected);
        Map<String, Chain> read = build(numbers, linked, repository.plans(numbers), repository.restrictions(numbers));
        // New entries first, then the removals: a lookup running meanwhile sees each number before or after.
        chains.putAll(read);
        numbers.stream().filter(n -> !read.containsKey(n)).forEach(chains::remove);
        version = head.version();
    }

    private void reloadAll() {
        long readFrom = changes.head().version();
        List<ShownPlan> plans = repository.allPlans();
        List<Restricting> restrictions = repository.allRestrictions();
        Map<String, String> links = repository.allLinks();
        Set<String> numbers = new HashSet<>();
        plans.forEach(s -> numbers.add(s.plan().nhsNumber()));
        restrictions.forEach(r -> numbers.add(r.nhsNumber()));
        Map<String, Chain> read = build(numbers, chainsOf(numbers, links), plans, restrictions);
        chains.putAll(read);
        chains.keySet().retainAll(read.keySet());
        version = readFrom;
        LogRef.LOOKUP008.log(LOG, read.size(), readFrom);
    }

    /**
     * The chains of {@code numbers} that hold a plan or a restriction, by each of their numbers. {@code linked}
     * gives the chain of each number it names; a number it does not name stands alone.
     */
    private static Map<String, Chain> build(Collection<String> numbers, Map<String, Set<String>> linked,
            List<ShownPlan> plans, List<Restricting> restrictions) {
        Map<String, List<ShownPlan>> plansByNumber = plans.stream()
                .collect(Collectors.groupingBy(s -> s.plan().nhsNumber()));
        Map<String, List<Restricting>> restrictionsByNumber = restrictions.stream()
                .collect(Collectors.groupingBy(Restricting::nhsNumber));
        Map<Set<String>, Chain> built = new HashMap<>();
        Map<String, Chain> byNumber = new HashMap<>();
        for (String number : numbers) {
            Set<String> members = linked.getOrDefault(number, Set.of(number));
            Chain chain = built.computeIfAbsent(members, m -> chain(m, plansByNumber, restrictionsByNumber));
            if (!chain.plans().isEmpty() || !chain.restrictionByUser().isEmpty()) {
                members.forEach(member -> byNumber.put(member, chain));
            }
        }
        return byNumber;
    }

    private static Chain chain(Set<String> members, Map<String, List<ShownPlan>> plansByNumber,
            Map<String, List<Restricting>> restrictionsByNumber) {
        List<ShownPlan> plans = members.stream().flatMap(m -> plansByNumber.getOrDefault(m, List.of()).stream())
                .sorted(DISPLAY_ORDER).toList();
        Map<String, Long> restrictionByUser = members.stream()
                .flatMap(m -> restrictionsByNumber.getOrDefault(m, List.of()).stream())
                .collect(Collectors.toUnmodifiableMap(Restricting::userId, Restricting::id, Math::min));
        return new Chain(Set.copyOf(members), plans, restrictionByUser);
    }

    /** The chain of each number that has links, from all the register's links (replaced number to replacing). */
    private static Map<String, Set<String>> chainsOf(Set<String> numbers, Map<String, String> links) {
        Map<String, String> root = new HashMap<>();
        links.keySet().forEach(n -> root.put(n, rootOf(n, links)));
        Map<String, Set<String>> members = new HashMap<>();
        root.forEach((number, r) -> {
            members.computeIfAbsent(r, x -> new HashSet<>(Set.of(r))).add(number);
        });
        Map<String, Set<String>> chains = new HashMap<>();
        for (String number : numbers) {
            Set<String> chain = members.get(root.getOrDefault(number, number));
            if (chain != null) {
                chains.put(number, chain);
            }
        }
        return chains;
    }

    /** The current number of a chain: replaced-by followed to its end, at most the walk's bound. */
    private static String rootOf(String number, Map<String, String> links) {
        String current = number;
        for (int step = 0; step < LinkedNumbers.MAX_LINKS && links.containsKey(current); step++) {
            current = links.get(current);
        }
        return current;
    }
}
