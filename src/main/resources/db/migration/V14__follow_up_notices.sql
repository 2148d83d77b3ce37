-- After a close-out the group is reminded, once, to pay a follow-up visit (回访).
alter table issue add column follow_up_notified boolean not null default false;
