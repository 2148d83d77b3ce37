-- When a push was last tried, for the admin's list of pushes given up on. Until now the list showed
-- next_attempt_at, which for a dead push is when its last attempt was scheduled, not when it ran.
alter table push_delivery add column last_attempt_at timestamptz;
-- Existing outcomes: the scheduled time is the best there is.
update push_delivery set last_attempt_at = next_attempt_at where attempts > 0;
