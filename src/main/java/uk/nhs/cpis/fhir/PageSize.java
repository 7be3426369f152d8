package uk.nhs.cpis.fhir;

/** The {@code _count} of a paged search: the default when absent, refused outside 1..max. */
public final class PageSize {
    private PageSize() {
    }

    public static int of(String requested, int defaultSize, int maxSize) {
        if (requested == null) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(requested);
            if (size >= 1 && size <= maxSize) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below, like any other size out of range
        }
        throw new CpisException(ErrorCode.INVALID_PARAMETER, "_count must be a whole number from 1 to " + maxSize + ".");
    }
}
