-- Demographics register: a local stand-in for the national patient index.
create table patient (
    nhs_number        varchar(10)  primary key,
    family_name       varchar(200) not null,
    given_name        varchar(200),
    gender            varchar(10)  not null,
    birth_date        date         not null,
    postcode          varchar(16),
    active            boolean      not null,
    replaced_by       varchar(10),
    mother_nhs_number varchar(10),
    -- Search keys, derived on load so that searches never scan the table.
    family_key        varchar(200) not null,
    family_reversed   varchar(200) not null,
    family_phonetic   varchar(32)  not null,
    given_key         varchar(200),
    postcode_key      varchar(16),
    updated_at        timestamp with time zone not null
);
create index ix_patient_family_birth on patient (family_key, birth_date);
create index ix_patient_family_rev_birth on patient (family_reversed, birth_date);
create index ix_patient_phonetic_birth on patient (family_phonetic, birth_date);
create index ix_patient_mother on patient (mother_nhs_number);

-- A plan is keyed by (uploading LA, NHS number, plan type); the latest upload wins.
create table care_plan (
    id                varchar(36)  primary key,
    la_code           varchar(16)  not null,
    la_name           varchar(200) not null,
    nhs_number        varchar(10)  not null,
    plan_type         varchar(4)   not null,
    start_date        date         not null,
    end_date          date,
    effective_end     date         not null,
    last_display_date date         not null,
    emergency_phone   varchar(40)  not null,
    office_phone      varchar(40),
    withdrawn         boolean      not null,
    version           integer      not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    constraint uq_care_plan_key unique (la_code, nhs_number, plan_type)
);
create index ix_care_plan_patient on care_plan (nhs_number, last_display_date);
create index ix_care_plan_la on care_plan (la_code, id);

-- One row per upload: the acknowledgement, and the request while it waits for async processing.
create table upload_acknowledgement (
    id            varchar(36)  primary key,
    la_code       varchar(16)  not null,
    la_name       varchar(200),
    bundle_key    varchar(600),
    status        varchar(16)  not null,
    entry_count   integer      not null,
    received_at   timestamp with time zone not null,
    completed_at  timestamp with time zone,
    request_body  text,
    response_body text,
    constraint uq_upload_bundle unique (la_code, bundle_key)
);
create index ix_upload_status on upload_acknowledgement (status);
