-- The attendance timeline (GET /api/attendance) reads one child's ASNs to one LA.
create index ix_notification_child on notification (la_code, nhs_number);
