-- One durable write per view: a B0107 view's security-audit line (DETAILS, ANSWERED, role cpis-view) is its
-- access event, which holds the request id and result count besides what it held already. Events stored before
-- this version have their lines in security_audit and leave these null.
alter table access_event add column request_id varchar(128);
alter table access_event add column result_count integer;

-- The lines the access events hold. Housekeeping copies them into security_audit before it purges the events, so
-- the security audit outlives the access events' retention.
create view access_event_audit_line as
select id, accessed_at as occurred_at, 'DETAILS' as action, 'ANSWERED' as outcome, user_id,
       'cpis-view' as user_role, org_code, nhs_number, result_count, request_id
from access_event where result_count is not null;

-- The whole security audit, wherever a line is stored: information-governance reports read this view.
create view security_audit_line as
select occurred_at, action, outcome, user_id, user_role, org_code, nhs_number, result_count, disclosed_nhs_numbers,
       request_id
from security_audit
union all
select occurred_at, action, outcome, user_id, user_role, org_code, nhs_number, result_count, null, request_id
from access_event_audit_line;
