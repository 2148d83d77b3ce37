-- The rest of the ladder: extensions (延期), supervision (督办), duplicates.
alter table issue add column supervised boolean not null default false;
alter table issue add column supervision_note varchar(1000);
alter table issue add column duplicate_of uuid references issue (id);
alter table issue add column extension_requested_days integer check (extension_requested_days between 1 and 30);
alter table issue add column extension_reason varchar(500);
create index issue_due_idx on issue (status, due_date);
