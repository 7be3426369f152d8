package uk.nhs.cpis.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import uk.nhs.cpis.batch.AsnRule.Outcome;

class AsnRuleTest {
    private static final Instant T0 = Instant.parse("2031-03-01T08:00:00Z");
    private static final AnchorKey ANNA_AT_RX101 = new AnchorKey("9990000018", "555000000001", "RX101");

    @Test
    void shouldNotifyAt0And25And49HoursOfAccessesAt0_23_25_47_49() {
        AsnRule rule = new AsnRule(Map.of());
        List<Outcome> outcomes = Stream.of(0, 23, 25, 47, 49)
                .map(hours -> rule.apply(ANNA_AT_RX101, hours(hours), true)).toList();
        assertEquals(List.of(Outcome.NOTIFY, Outcome.SUPPRESSED, Outcome.NOTIFY, Outcome.SUPPRESSED, Outcome.NOTIFY),
                outcomes);
        assertEquals(Map.of(ANNA_AT_RX101, hours(49)), rule.movedAnchors());
    }

    @Test
    void shouldNotifyAgainAtExactly24Hours() {
        AsnRule rule = new AsnRule(Map.of());
        assertEquals(Outcome.NOTIFY, rule.apply(ANNA_AT_RX101, T0, true));
        assertEquals(Outcome.NOTIFY, rule.apply(ANNA_AT_RX101, T0.plus(Duration.ofHours(24)), true));
    }

    @Test
    void shouldSuppressJustUnder24Hours() {
        AsnRule rule = new AsnRule(Map.of());
        assertEquals(Outcome.NOTIFY, rule.apply(ANNA_AT_RX101, T0, true));
        assertEquals(Outcome.SUPPRESSED, rule.apply(ANNA_AT_RX101, T0.plus(Duration.ofHours(24)).minusMillis(1), true));
        assertEquals(Outcome.SUPPRESSED, rule.apply(ANNA_AT_RX101, T0, true), "the same instant again");
    }

    @Test
    void shouldCountTwoUsersOrTwoOrganisationsOrTwoPatientsAsSeparateKeys() {
        AsnRule rule = new AsnRule(Map.of());
        assertEquals(Outcome.NOTIFY, rule.apply(ANNA_AT_RX101, T0, true));
        assertEquals(Outcome.NOTIFY, rule.apply(new AnchorKey("9990000018", "555000000002", "RX101"), T0, true));
        assertEquals(Outcome.NOTIFY, rule.apply(new AnchorKey("9990000018", "555000000001", "RY202"), T0, true));
        assertEquals(Outcome.NOTIFY, rule.apply(new AnchorKey("9990000026", "555000000001", "RX101"), T0, true));
        assertEquals(4, rule.movedAnchors().size());
    }

    @Test
    void shouldCarryTheWindowOverFromAnAnchorStoredByAnEarlierRun() {
        AsnRule nextRun = new AsnRule(Map.of(ANNA_AT_RX101, hours(0)));
        assertEquals(Outcome.SUPPRESSED, nextRun.apply(ANNA_AT_RX101, hours(23), true));
        assertTrue(nextRun.movedAnchors().isEmpty(), "a suppressed access does not move the anchor");
        assertEquals(Outcome.NOTIFY, nextRun.apply(ANNA_AT_RX101, hours(24), true));
        assertEquals(Map.of(ANNA_AT_RX101, hours(24)), nextRun.movedAnchors());
    }

    @Test
    void shouldNeitherNotifyNorSuppressNorAnchorAnAccessWithoutDisplayablePlan() {
        AsnRule rule = new AsnRule(Map.of());
        assertEquals(Outcome.NO_PLAN, rule.apply(ANNA_AT_RX101, hours(0), false));
        assertEquals(Outcome.NOTIFY, rule.apply(ANNA_AT_RX101, hours(1), true), "the plan-less access anchored nothing");
        assertEquals(Outcome.NO_PLAN, rule.apply(ANNA_AT_RX101, hours(2), false), "no plan is no plan, anchor or not");
    }

    private static Instant hours(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }
}
