package uk.nhs.cpis.support;

/** The database kind the suite runs on: H2 by default, PostgreSQL with -Ppostgresql (pom.xml passes the kind). */
public final class DatabaseKind {
    private DatabaseKind() {
    }

    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("quarkus.datasource.db-kind"));
    }
}
