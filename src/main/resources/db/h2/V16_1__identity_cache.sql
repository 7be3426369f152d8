-- H2 only (quarkus.flyway.locations adds db/<db-kind>). H2 records an identity column's next value in its
-- file every 32 values by default, and each record is a commit of its own: a store of the whole file's
-- changed pages on the audit writer's thread, a quarter of its time under lookup load (bench/lookup-profile.txt).
-- Reserving values in larger steps makes that rare; a restart may skip up to one step of ids, which nothing
-- reads as a count. Not on PostgreSQL: its identity cache is per connection and would interleave the ids of
-- concurrent writers, and its sequences cost no commit.
alter table access_event alter column id set cache 100000;
alter table security_audit alter column id set cache 100000;
alter table notification alter column seq set cache 100000;
