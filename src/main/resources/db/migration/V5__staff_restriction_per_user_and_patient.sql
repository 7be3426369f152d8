-- A staff restriction follows the (user, patient) pair whichever organisation the user acts for
-- (seed 001: it stays with the record when the patient moves practice), so there is one per pair.

-- Pairs restricted by several organisations before this change are merged first, or the new key
-- could not be added: the earliest restriction is kept and takes over the others' blocked attempts,
-- so that no refused lookup disappears from a privacy officer's view.
create table staff_restriction_merge as
    select r.id as merged_id,
           (select k.id from staff_restriction k where k.user_id = r.user_id and k.nhs_number = r.nhs_number
            order by k.created_at, k.id fetch first 1 rows only) as kept_id
    from staff_restriction r;
update restriction_blocked_attempt
    set restriction_id = (select m.kept_id from staff_restriction_merge m
                          where m.merged_id = restriction_blocked_attempt.restriction_id)
    where restriction_id in (select merged_id from staff_restriction_merge where merged_id <> kept_id);
delete from staff_restriction
    where id in (select merged_id from staff_restriction_merge where merged_id <> kept_id);
drop table staff_restriction_merge;

alter table staff_restriction drop constraint uq_staff_restriction;
-- The duplicate rule under concurrent requests, and the index lookups check restrictions by.
alter table staff_restriction add constraint uq_staff_restriction_user_patient unique (user_id, nhs_number);
-- A privacy officer lists the organisation's own restrictions, newest first; the old key led with org_code.
create index ix_staff_restriction_org on staff_restriction (org_code, created_at);
