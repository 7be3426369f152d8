package uk.nhs.cpis.db;

/**
 * Whether a text sent to the service fits the column that stores it. A value that does not is bad input,
 * to be refused where it was sent (an upload entry, a register line); left to the database it fails the
 * whole transaction, a 500 that loses every other entry or line with it.
 */
public final class StoredText {
    private StoredText() {
    }

    /**
     * What is wrong with storing {@code value} in a column {@code width} characters wide, or null when
     * nothing is. String.length() counts UTF-16 units, never fewer than the characters either database
     * counts, so a value passing here always fits. Control characters are refused too: PostgreSQL cannot
     * store a NUL at all, and no name, number or code has the others.
     */
    public static String problem(String value, int width) {
        if (value.length() > width) {
            return "is longer than " + width + " characters, the most the service stores";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "contains a control character";
        }
        return null;
    }
}
