package uk.nhs.cpis.mode;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.nhs.cpis.db.Database;
import uk.nhs.cpis.db.Jdbc;

/** The one row of service_mode (migration V8). */
@ApplicationScoped
public class ModeRepository {
    @Inject
    Database database;

    public ServiceMode read() {
        Optional<ServiceMode> mode = database.queryFirst(
                "select current_mode, reason, until_at, changed_at, changed_by from service_mode where id = 1",
                Database.NO_PARAMETERS, row -> new ServiceMode(ServiceMode.READ_ONLY.equals(row.getString("current_mode")),
                        row.getString("reason"), Jdbc.getInstant(row, "until_at"), Jdbc.getInstant(row, "changed_at"),
                        row.getString("changed_by")));
        return mode.orElseThrow(() -> new IllegalStateException("service_mode has no row: migration V8 not applied"));
    }

    public void write(ServiceMode mode) {
        database.update("update service_mode set current_mode = ?, reason = ?, until_at = ?, changed_at = ?, "
                + "changed_by = ? where id = 1", statement -> {
                    statement.setString(1, mode.name());
                    statement.setString(2, mode.reason());
                    Jdbc.setInstant(statement, 3, mode.until());
                    Jdbc.setInstant(statement, 4, mode.changedAt());
                    statement.setString(5, mode.changedBy());
                });
    }
}
