-- Blocked attempts are audit records (seed 001: "the service will log when a user tries to access a
-- patient record they're restricted from"): they outlive the restriction, kept for cpis.retention.audit.
-- So they no longer go with it (no cascade) and carry what the privacy officer needs once it is gone.
alter table restriction_blocked_attempt drop constraint fk_blocked_attempt_restriction;
alter table restriction_blocked_attempt add column org_code varchar(16);
alter table restriction_blocked_attempt add column nhs_number varchar(10);
alter table restriction_blocked_attempt add column user_id varchar(64);
update restriction_blocked_attempt set org_code = (select r.org_code from staff_restriction r
    where r.id = restriction_blocked_attempt.restriction_id);
update restriction_blocked_attempt set nhs_number = (select r.nhs_number from staff_restriction r
    where r.id = restriction_blocked_attempt.restriction_id);
update restriction_blocked_attempt set user_id = (select r.user_id from staff_restriction r
    where r.id = restriction_blocked_attempt.restriction_id);
alter table restriction_blocked_attempt alter column org_code set not null;
alter table restriction_blocked_attempt alter column nhs_number set not null;
alter table restriction_blocked_attempt alter column user_id set not null;
-- The officer's list (by organisation, newest first) and the retention purge (by time).
create index ix_blocked_attempt_org on restriction_blocked_attempt (org_code, attempted_at);
create index ix_blocked_attempt_time on restriction_blocked_attempt (attempted_at);

-- Who acknowledged a notification (spec section 8), from their token, beside when.
alter table notification add column acknowledged_by varchar(64);
alter table notification add column acknowledged_by_name varchar(200);
alter table notification add column acknowledged_by_role varchar(200);
