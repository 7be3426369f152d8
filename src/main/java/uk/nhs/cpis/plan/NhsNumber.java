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
