-- 月报: what the office's figures are computed from, the figures of closed months, and the groups'
-- monthly reports.

-- An issue counts for the group that was assigned its enterprise when it was registered, even after a
-- reassignment: the work was that group's.
alter table issue add column group_id uuid references assistance_group (id);
update issue i set group_id = a.group_id
  from assignment a
 where a.enterprise_id = i.enterprise_id
   and a.start_date <= (i.created_at at time zone 'Asia/Shanghai')::date
   and (a.end_date is null or a.end_date >= (i.created_at at time zone 'Asia/Shanghai')::date);
create index issue_group_created_idx on issue (group_id, created_at);
create index issue_closed_idx on issue (closed_at) where closed_at is not null;

-- Each step records what held right after it, so that a month's figures can be computed as of the
-- month's end from history alone: the deadline in force, the working days since registration (answers
-- and close-outs), and the enterprise's rating (confirmations).
alter table issue_event add column due_date date;
alter table issue_event add column elapsed_working_days integer;
alter table issue_event add column rating integer check (rating between 1 and 5);
alter table issue_event add column satisfied boolean;
create index issue_event_action_time_idx on issue_event (action, occurred_at);

create index visit_completed_idx on visit (completed_at) where completed_at is not null;

-- A closed month's figures depend only on history before its end, so they are computed once per
-- metric-dictionary version and kept. The current month is always computed live.
create table month_figures (
    month               date not null,
    dictionary_version  integer not null,
    figures             text not null,
    computed_at         timestamptz not null,
    primary key (month, dictionary_version)
);

create table monthly_report (
    id                  uuid primary key,
    group_id            uuid not null references assistance_group (id),
    month               date not null,
    version             integer not null,
    status              varchar(20) not null,
    progress            varchar(5000),
    problems_solved     varchar(5000),
    next_plan           varchar(5000),
    figures             text,
    dictionary_version  integer,
    submitted_at        timestamptz,
    submitted_by        uuid references account (id),
    late                boolean not null default false,
    reviewed_at         timestamptz,
    reviewed_by         uuid references account (id),
    review_comment      varchar(2000),
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    row_version         bigint not null default 0,
    constraint monthly_report_status check (status in ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'RETURNED')),
    constraint monthly_report_month_first check (extract(day from month) = 1),
    constraint monthly_report_version unique (group_id, month, version)
);
-- At most one report of a group and month is being written or waits for the office.
create unique index monthly_report_one_live on monthly_report (group_id, month)
    where status in ('DRAFT', 'SUBMITTED');
create index monthly_report_month_idx on monthly_report (month, group_id);

-- The reminders about a month's report (due soon, late), once per group, month and kind.
create table report_notice (
    group_id  uuid not null references assistance_group (id),
    month     date not null,
    kind      varchar(20) not null,
    sent_at   timestamptz not null,
    primary key (group_id, month, kind)
);

-- Answers are judged against the deadline they were given under (the on-time rate's cohort).
create index issue_event_respond_due_idx on issue_event (due_date) where action = 'RESPOND';
-- The current month's open issues are read from the issue's own state.
create index issue_open_idx on issue (created_at) where closed_at is null;
-- Every step stamps its issue: the issues with steps in a month are found by this index.
create index issue_updated_idx on issue (updated_at);
