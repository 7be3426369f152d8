-- The service mode (read-write or read-only), held in the database so that every instance follows it
-- within cpis.mode.refresh-interval and it survives restarts. One row, switched by PUT /api/admin/mode.
create table service_mode (
    id           integer      primary key,
    current_mode varchar(16)  not null,
    reason       varchar(500),
    until_at     timestamp with time zone,
    changed_at   timestamp with time zone not null,
    changed_by   varchar(64),
    constraint ck_service_mode_single check (id = 1),
    constraint ck_service_mode_value check (current_mode in ('read-write', 'read-only'))
);
insert into service_mode (id, current_mode, changed_at)
    values (1, 'read-write', timestamp with time zone '1970-01-01 00:00:00+00');
