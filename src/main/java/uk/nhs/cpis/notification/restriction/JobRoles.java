package uk.nhs.cpis.notification.restriction;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Job-role texts as identity providers write them: "Heads of Service", "head of service",
 * "Children’s Safeguarding" and "Childrens safeguarding" name the same role.
 */
final class JobRoles {
    private JobRoles() {
    }

    /** Lower case, apostrophes dropped, other punctuation as spaces, one space between words, no plural "s". */
    static String normalise(String jobRole) {
        String words = jobRole.toLowerCase(Locale.ROOT).replaceAll("['’`]", "").replaceAll("[^\\p{L}\\p{N}]+", " ")
                .trim();
        return Arrays.stream(words.split(" ")).map(JobRoles::singular).collect(Collectors.joining(" "));
    }

    // Applied to both sides of every comparison, so a word that only looks plural ("business") still matches itself.
    private static String singular(String word) {
        return word.length() > 3 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
    }
}
