-- Every instance keeps what lookups show in memory (uk.nhs.cpis.lookup.LookupSnapshot). Each transaction that
-- changes it (plans, register entries and links, staff restrictions) takes the next version as it commits and
-- lists the NHS numbers it changed; a lookup reads the version, so a change committed on any instance shows in
-- the next lookup on every instance. The version row's lock orders the versions as the commits.
create table lookup_version (
    id integer primary key,
    version bigint not null,
    -- Changes up to this version were purged: an instance that has not read them reloads everything.
    purged_through bigint not null
);
insert into lookup_version (id, version, purged_through) values (1, 0, 0);

create table lookup_change (
    version bigint not null,
    -- Null: too many numbers to list (a large register load); every instance reloads everything.
    nhs_number varchar(10),
    changed_at timestamp with time zone not null
);
create index ix_lookup_change_version on lookup_change (version);
