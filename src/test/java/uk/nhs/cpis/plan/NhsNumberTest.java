package uk.nhs.cpis.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @Test
    void shouldAcceptNumberWithCorrectCheckDigit() {
        assertTrue(NhsNumber.isValid("9434765919"));
    }

    @Test
    void shouldRejectNumberWithWrongCheckDigit() {
        assertFalse(NhsNumber.isValid("9434765918"));
    }

    @Test
    void shouldAcceptZeroCheckDigitWhenRemainderGivesEleven() {
        assertTrue(NhsNumber.isValid("9434765900"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "943476591",        // nine digits
        "94347659190",      // eleven digits
        "943476591A",
        "943 476 5919",
        " 9434765919",
        "-434765919",
        "٩٤٣٤٧٦٥٩١٩",       // Arabic-Indic digits of a valid number
    })
    void shouldRejectAnythingButTenAsciiDigits(String candidate) {
        assertFalse(NhsNumber.isValid(candidate));
    }

    @Test
    void shouldNeverAcceptPrefixWhoseCheckDigitWouldBeTen() {
        for (char last = '0'; last <= '9'; last++) {
            assertFalse(NhsNumber.isValid("123456789" + last), "123456789" + last);
        }
    }

    @Test
    void shouldComputeCheckDigit() {
        assertEquals("9", NhsNumber.checkDigitFor("943476591"));
    }

    @Test
    void shouldComputeZeroCheckDigitWhenRemainderGivesEleven() {
        assertEquals("0", NhsNumber.checkDigitFor("943476590"));
    }

    @Test
    void shouldGiveNoCheckDigitWhenRemainderGivesTen() {
        assertNull(NhsNumber.checkDigitFor("123456789"));
    }

    @Test
    void shouldRefuseCheckDigitForWrongLengthPrefix() {
        assertThrows(IllegalArgumentException.class, () -> NhsNumber.checkDigitFor("94347659"));
    }

    @Test
    void shouldRefuseCheckDigitForNonAsciiDigits() {
        assertThrows(IllegalArgumentException.class, () -> NhsNumber.checkDigitFor("٩٤٣٤٧٦٥٩١"));
    }
}
