package uk.nhs.cpis.fhir;

import org.jboss.logging.Logger;

/**
 * Every log line the service writes, with a fixed id. Fields identify no one: request ids,
 * counts, ODS codes and exception types, never NHS numbers, names or birth dates.
 */
public enum LogRef {
    UPLOAD001(Logger.Level.INFO, "upload received: la=%s entries=%d async=%s"),
    UPLOAD002(Logger.Level.INFO, "upload acknowledged: la=%s ack=%s created=%d updated=%d withdrawn=%d failed=%d"),
    UPLOAD003(Logger.Level.INFO, "upload resent: la=%s ack=%s answered from the stored acknowledgement"),
    UPLOAD004(Logger.Level.INFO, "async upload resumed after restart: ack=%s"),
    UPLOAD005(Logger.Level.ERROR, "async upload failed: ack=%s cause=%s"),
    DEMOG001(Logger.Level.INFO, "patients loaded: received=%d stored=%d rejected=%d"),
    DEMOG002(Logger.Level.ERROR, "patient load line not stored: line=%d cause=%s"),
    STAFF001(Logger.Level.INFO, "staff register loaded: received=%d stored=%d rejected=%d"),
    STAFF002(Logger.Level.ERROR, "staff register line not stored: line=%d cause=%s"),
    BATCH001(Logger.Level.INFO, "batch run started: run=%s trigger=%s cutoff=%s"),
    BATCH002(Logger.Level.INFO, "batch run completed: run=%s events=%d notifications=%d suppressed=%d withoutPlan=%d "
            + "plansPurged=%d ms=%d"),
    BATCH003(Logger.Level.ERROR, "batch run failed: run=%s cause=%s"),
    BATCH004(Logger.Level.INFO, "batch run skipped: trigger=%s another run holds the lock"),
    BATCH005(Logger.Level.WARN, "interrupted batch run marked failed: run=%s"),
    BATCH006(Logger.Level.INFO, "housekeeping: run=%s plansPurged=%d accessEventsPurged=%d notificationsPurged=%d "
            + "anchorsPurged=%d blockedAttemptsPurged=%d"),
    BATCH007(Logger.Level.INFO, "plans purged: run=%s la=%s count=%d"),
    PLAN001(Logger.Level.INFO, "projected plan ends moved by a register change: plans=%d"),
    NOTIF001(Logger.Level.INFO, "registration notifications: births=%d inactiveNhsNumbers=%d"),
    NOTIF002(Logger.Level.INFO, "notifications acknowledged: la=%s requested=%d newly=%d"),
    LAREST001(Logger.Level.INFO, "LA restriction created: la=%s restriction=%s kind=%s users=%d"),
    LAREST002(Logger.Level.INFO, "LA restriction reviewed: la=%s restriction=%s outcome=%s"),
    LAREST003(Logger.Level.INFO, "LA restriction lifted: la=%s restriction=%s"),
    LAREST004(Logger.Level.INFO, "LA restriction users changed: la=%s restriction=%s users=%d"),
    SAMPLE001(Logger.Level.INFO, "sample data loaded: patients=%d bundles=%d"),
    LOOKUP001(Logger.Level.DEBUG, "lookup answered: action=%s role=%s org=%s results=%d"),
    LOOKUP002(Logger.Level.WARN, "lookup refused by a staff restriction: action=%s org=%s restriction=%d"),
    LOOKUP003(Logger.Level.ERROR, "audit records not stored: records=%d cause=%s"),
    LOOKUP004(Logger.Level.ERROR, "audit writer not accepting records (stopped or queue of %d full)"),
    LOOKUP005(Logger.Level.INFO, "staff restriction added: org=%s restriction=%d"),
    LOOKUP006(Logger.Level.INFO, "staff restriction removed: org=%s restriction=%d"),
    LOOKUP007(Logger.Level.DEBUG, "patient search answered: kind=%s fuzzy=%s matches=%d"),
    LOOKUP008(Logger.Level.INFO, "lookup snapshot read in full: numbers=%d version=%d"),
    LOOKUP009(Logger.Level.WARN, "lookup snapshot refresh failing, lookups read the change version themselves: "
            + "cause=%s"),
    MODE001(Logger.Level.WARN, "service mode switched: mode=%s until=%s"),
    MODE002(Logger.Level.INFO, "service mode followed by this instance: mode=%s"),
    MODE003(Logger.Level.ERROR, "service mode not read from the database: cause=%s"),
    MODE004(Logger.Level.WARN, "write refused by the database as read-only: cause=%s"),
    BATCH008(Logger.Level.WARN, "batch run skipped: trigger=%s the service is read-only"),
    UPLOAD006(Logger.Level.INFO, "queued upload held while writes are refused: ack=%s"),
    HTTP400(Logger.Level.INFO, "request refused: status=%d code=%s"),
    HTTP500(Logger.Level.ERROR, "request failed: cause=%s");

    private final Logger.Level level;
    private final String format;

    LogRef(Logger.Level level, String format) {
        this.level = level;
        this.format = format;
    }

    public void log(Logger logger, Object... fields) {
        logger.logf(level, "%s " + format, prepend(name(), fields));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
