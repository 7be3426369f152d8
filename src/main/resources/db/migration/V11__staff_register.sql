-- The staff register: the local stand-in for the national staff directory (Care Identity Service), as
-- the patient table is for the national patient index. One row per user and organisation they work at
-- (a PractitionerRole); a privacy officer may restrict only staff it lists at the officer's organisation.
create table staff_member (
    user_id     varchar(64)  not null,
    org_code    varchar(16)  not null,
    name        varchar(200) not null,
    job_role    varchar(200),
    active      boolean      not null,
    updated_at  timestamp with time zone not null,
    constraint pk_staff_member primary key (user_id, org_code)
);

-- Seed 001: "the new practice will see the name and NHS smartcard number of the staff member you've
-- restricted": the name as the register gave it when the restriction was made (null before V11).
alter table staff_restriction add column staff_name varchar(200);
-- Every restriction on a patient's record, whichever organisation made it.
create index ix_staff_restriction_patient on staff_restriction (nhs_number, created_at);
