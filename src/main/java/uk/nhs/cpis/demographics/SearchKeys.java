package uk.nhs.cpis.demographics;

import java.util.Locale;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Normalised forms of names and postcodes, stored beside each patient so that exact, wildcard
 * and phonetic searches all use an index.
 */
public final class SearchKeys {
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    static {
        METAPHONE.setMaxCodeLen(8);
    }

    private SearchKeys() {
    }

    /** Upper-case letters only: "O'Brien-Smith" and "obrien smith" meet. */
    public static String name(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder key = new StringBuilder(value.length());
        for (char c : value.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c >= 'A' && c <= 'Z') {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** The key read backwards, so that a leading wildcard ("*ith") becomes an indexed prefix search. */
    public static String reversed(String nameKey) {
        return new StringBuilder(nameKey).reverse().toString();
    }

    public static String phonetic(String nameKey) {
        return nameKey.isEmpty() ? "" : METAPHONE.doubleMetaphone(nameKey);
    }

    public static String postcode(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
