-- A photo added to an issue is a step of its history too.
alter table issue_event add column photo_id uuid references photo (id);
