package uk.nhs.cpis.plan;

/** NHS number format and modulus-11 check digit. */
public final class NhsNumber {
    private static final int LENGTH = 10;

    private NhsNumber() {
    }

    /** True for exactly ten ASCII digits whose last digit is the modulus-11 check digit of the first nine. */
    public static boolean isValid(String nhsNumber) {
        if (nhsNumber == null || nhsNumber.length() != LENGTH || !isAsciiDigits(nhsNumber)) {
            return false;
        }
        String expected = checkDigitFor(nhsNumber.substring(0, LENGTH - 1));
        return expected != null && expected.charAt(0) == nhsNumber.charAt(LENGTH - 1);
    }

    /**
     * What is wrong with a number {@link #isValid} refuses, for the client: a number typed as it is printed
     * ("943 476 5919") is named as such, so the sender knows to remove the spaces rather than doubt the digits.
     * Never logged: the message does not quote the number, but callers must not log it either.
     */
    public static String whyInvalid(String nhsNumber) {
        if (nhsNumber != null && nhsNumber.chars().anyMatch(Character::isWhitespace)) {
            return "The NHS number contains spaces: send its 10 digits without spaces or other separators "
                    + "(9434765919, not 943 476 5919).";
        }
        return "NHS numbers are 10 digits with a valid modulus-11 check digit.";
    }

    /**
     * The check digit for nine ASCII digits, or null when the remainder gives 10: no NHS number is
     * issued with such a prefix, so no tenth digit can make it valid.
     */
    public static String checkDigitFor(String nineDigits) {
        if (nineDigits == null || nineDigits.length() != LENGTH - 1 || !isAsciiDigits(nineDigits)) {
            throw new IllegalArgumentException("expected nine digits");
        }
        int sum = 0;
        for (int i = 0; i < nineDigits.length(); i++) {
            sum += (nineDigits.charAt(i) - '0') * (LENGTH - i);
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            return null;
        }
        return String.valueOf(check == 11 ? 0 : check);
    }

    // Character.isDigit would accept other scripts' digits, which are not NHS numbers.
    private static boolean isAsciiDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
