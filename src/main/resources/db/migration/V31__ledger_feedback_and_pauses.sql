-- The steps the seed still asked for (issue #18): interim replies, assisting departments' opinions with
-- their own deadlines, the desk's unified feedback (统一反馈), and the clock paused while the enterprise
-- owes an answer.

-- Two more states: an answer waiting at the desk, and a department waiting for the enterprise.
alter table issue alter column status type varchar(30);
alter table issue_event alter column from_status type varchar(30);
alter table issue_event alter column to_status type varchar(30);
alter table issue drop constraint issue_status;
alter table issue add constraint issue_status check (status in ('REGISTERED', 'FORWARDED', 'RETURNED', 'IN_PROGRESS',
    'AWAITING_RELEASE', 'WAITING_FOR_ENTERPRISE', 'RESPONDED', 'SATISFIED', 'CLOSED'));

-- Whose answers go through the desk before the enterprise sees them.
alter table issue_category add column unified_feedback varchar(20) not null default 'DESK_ISSUES'
    check (unified_feedback in ('ALL', 'DESK_ISSUES', 'NONE'));

-- Each assisting department's opinion, due by its own date; the ladder's last notice, as for the issue.
alter table issue_assist add column due_date date;
alter table issue_assist add column opinion varchar(2000);
alter table issue_assist add column opinion_at timestamptz;
alter table issue_assist add column notified_stage varchar(20);
create index issue_assist_open_idx on issue_assist (due_date) where opinion_at is null;

-- A pause in progress (its start), and the working days all pauses moved the deadline by.
alter table issue add column paused_at timestamptz;
alter table issue add column paused_working_days integer not null default 0;

-- The working days a resumption moved the deadline by, so that the figures can say so from history.
alter table issue_event add column paused_working_days integer;
