-- The SHA-256 (hex) of the content an upload was sent with, so that a Bundle.identifier reused for
-- different content is refused instead of answered with the first upload's acknowledgement.
-- Rows stored before have none and answer a resend as before.
alter table upload_acknowledgement add column request_hash varchar(64);
