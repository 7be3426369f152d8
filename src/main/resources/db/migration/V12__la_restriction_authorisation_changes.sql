-- Seed 000: "a case note recording when and why the case was restricted with the relevant authorisation",
-- and "the manager responsible for restriction": who requested it (Team Manager level), who authorised
-- it (a universal restriction: Head of Service or above) and the manager responsible, each as id, name
-- and job role. Null on restrictions made before V12.
alter table la_restriction add column requested_by varchar(64);
alter table la_restriction add column requested_by_name varchar(200);
alter table la_restriction add column requested_by_role varchar(200);
alter table la_restriction add column authorised_by varchar(64);
alter table la_restriction add column authorised_by_name varchar(200);
alter table la_restriction add column authorised_by_role varchar(200);
alter table la_restriction add column responsible_manager varchar(64);
alter table la_restriction add column responsible_manager_name varchar(200);
alter table la_restriction add column responsible_manager_role varchar(200);

-- Seed 000: "if the case transfers workers and/or teams the previous team and workers' access will be
-- removed": each change of a restriction's named users and teams, with who made it; the names before
-- and after, one per line.
create table la_restriction_change (
    id              varchar(36)  primary key,
    restriction_id  varchar(36)  not null references la_restriction (id),
    changed_at      timestamp with time zone not null,
    changed_by      varchar(64)  not null,
    changed_by_name varchar(200),
    users_before    text         not null,
    users_after     text         not null,
    note            varchar(2000)
);
create index ix_la_restriction_change on la_restriction_change (restriction_id, changed_at);

-- The Head of Safeguarding reviews too (seed 000): the reviewer's job role beside their name.
alter table la_restriction_review add column reviewed_by_role varchar(200);
