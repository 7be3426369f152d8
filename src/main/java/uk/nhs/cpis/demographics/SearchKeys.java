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

    /** Double Metaphone's alternate encoding (often the primary one): a fuzzy search looks for both. */
    public static String phoneticAlternate(String nameKey) {
        return nameKey.isEmpty() ? "" : METAPHONE.doubleMetaphone(nameKey, true);
    }

    /**
     * The least key greater than every key starting with {@code prefix} (letters only), or null when
     * there is none ("ZZ"). A prefix search becomes the index range {@code [prefix, bound)}, which holds
     * in any collation that orders capital letters alphabetically, unlike LIKE, which PostgreSQL indexes
     * only under the C collation.
     */
    public static String prefixUpperBound(String prefix) {
        int end = prefix.length();
        while (end > 0 && prefix.charAt(end - 1) == 'Z') {
            end--;
        }
        return end == 0 ? null : prefix.substring(0, end - 1) + (char) (prefix.charAt(end - 1) + 1);
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it is known to exceed {@code limit}. */
    public static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], limit + 1);
    }

    public static String postcode(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
