-- Issue 11: the retention job deletes old rows oldest first, one outcome or status at a time, in
-- batches (DELETE ... ORDER BY ... LIMIT). Without these keys each batch would sort every audit row
-- of its outcome, or every finished settlement, to find the oldest few.
ALTER TABLE payment_notices
  ADD KEY payment_notices_by_outcome_time (outcome, received_at);

-- A settlement's updated_at is when it finished once its status is SETTLED or COMPENSATED.
ALTER TABLE settlements
  ADD KEY settlements_by_status_time (status, updated_at);
