package uk.nhs.cpis.demographics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SearchKeysTest {
    @Test
    void shouldCountEditsUpToTheLimit() {
        assertEquals(0, SearchKeys.editDistance("SMITH", "SMITH", 2));
        assertEquals(1, SearchKeys.editDistance("SMYTH", "SMITH", 2));
        assertEquals(2, SearchKeys.editDistance("TOMSON", "THOMPSON", 2));
        assertEquals(1, SearchKeys.editDistance("JONSON", "JOHNSON", 2));
        assertEquals(1, SearchKeys.editDistance("", "A", 2));
        assertEquals(3, SearchKeys.editDistance("SMITH", "SCHMIDT", 2), "beyond the limit answers limit + 1");
        assertEquals(3, SearchKeys.editDistance("AB", "ABCDEFG", 2));
    }

    @Test
    void shouldBoundAPrefixRange() {
        assertEquals("SMJ", SearchKeys.prefixUpperBound("SMI"));
        assertEquals("SN", SearchKeys.prefixUpperBound("SMZ"));
        assertEquals("B", SearchKeys.prefixUpperBound("AZZ"));
        assertNull(SearchKeys.prefixUpperBound("ZZZ"));
    }

    @Test
    void shouldGiveMisspellingsTheSamePhoneticKey() {
        assertEquals(SearchKeys.phonetic("SMITH"), SearchKeys.phonetic("SMYTH"));
        assertEquals(SearchKeys.phonetic("JOHNSON"), SearchKeys.phonetic("JONSON"));
    }
}
