package uk.nhs.cpis.demographics;

/**
 * The NHS numbers the register links through {@code replaced-by}, walked in SQL so that a lookup stays
 * one query. Each number is replaced by at most one other, so the numbers linked to a seed form a tree
 * whose root is the current number: the walk follows replaced-by forward to the root, then every link
 * back from it, and so finds the whole chain whichever of its numbers it starts from, branches (two
 * numbers merged into one) included. Each step is one index lookup ({@code patient}'s primary key
 * forward, {@code ix_patient_replaced_by} back); a number linked to nothing costs those two lookups.
 */
public final class LinkedNumbers {
    /**
     * Links followed in each direction at most. The register refuses two numbers replacing each other but
     * does not look for longer cycles; this bound ends a walk round one, and no real chain comes near it.
     */
    public static final int MAX_LINKS = 16;

    private LinkedNumbers() {
    }

    /**
     * A {@code with recursive} clause ending in the table {@code linked (seed, nhs_number)}: for each number
     * {@code seeds} answers (a query with one column named {@code nhs_number}, of type varchar(10)), that
     * number and every number the register links to it, once each. The query using it follows the clause.
     */
    public static String with(String seeds) {
        return """
                with recursive forward_walk (seed, nhs_number, depth) as (
                    select s.nhs_number, s.nhs_number, 0 from (%1$s) s
                  union all
                    select f.seed, p.replaced_by, f.depth + 1
                      from forward_walk f join patient p on p.nhs_number = f.nhs_number
                     where p.replaced_by is not null and f.depth < %2$d
                ), chain_root (seed, nhs_number) as (
                    select f.seed, f.nhs_number from forward_walk f
                     where f.depth = (select max(g.depth) from forward_walk g where g.seed = f.seed)
                ), backward_walk (seed, nhs_number, depth) as (
                    select seed, nhs_number, 0 from chain_root
                  union all
                    select b.seed, p.nhs_number, b.depth + 1
                      from backward_walk b join patient p on p.replaced_by = b.nhs_number
                     where b.depth < %2$d
                ), linked (seed, nhs_number) as (
                    select distinct seed, nhs_number from backward_walk
                )
                """.formatted(seeds, MAX_LINKS);
    }
}
