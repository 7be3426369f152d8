package uk.nhs.cpis.upload;

/**
 * Whether an uploaded text fits the column that stores it. A value that does not is bad input, to be
 * refused where it was sent; left to the database it fails the whole transaction (a 500 that loses
 * every other entry with it).
 */
final class StoredText {
    private StoredText() {
    }

    /**
     * What is wrong with storing {@code value} in a column {@code width} characters wide, or null when
     * nothing is. String.length() counts UTF-16 units, never fewer than the characters either database
     * counts, so a value passing here always fits. PostgreSQL text cannot hold a NUL at all.
     */
    static String problem(String value, int width) {
        if (value.length() > width) {
            return "is longer than " + width + " characters, the most the service stores";
        }
        if (value.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        return null;
    }
}
