-- The batch reads a run's access events in key order (patient, user, organisation, then time), so that
-- the anchors are read with one join and written in index order instead of looked up per event. The
-- watermark still marks the last event of every range fully processed, in (accessed_at, id) order; a
-- range being worked through is recorded beside it: its cut-off and the last event done in key order,
-- committed with each chunk, so that a run that dies is finished by the next from there.
alter table asn_watermark add column range_cutoff timestamp with time zone;
alter table asn_watermark add column range_nhs_number varchar(10);
alter table asn_watermark add column range_user_id varchar(64);
alter table asn_watermark add column range_org_code varchar(16);
alter table asn_watermark add column range_accessed_at timestamp with time zone;
alter table asn_watermark add column range_event_id bigint;
