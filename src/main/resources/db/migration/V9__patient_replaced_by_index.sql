-- Lookups follow NHS-number supersession both ways (uk.nhs.cpis.demographics.LinkedNumbers): back from
-- the current number to every number replaced by it is one lookup by replaced_by per link.
create index ix_patient_replaced_by on patient (replaced_by);
