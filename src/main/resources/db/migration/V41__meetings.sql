-- Decisions as data: the office puts issues on a named meeting's agenda (议题); the minutes record the
-- decisions, each handed to a department as a ledger item (会议交办, source DECISION) with a deadline.
create table meeting (
    id           uuid primary key,
    kind         varchar(20) not null check (kind in ('OPEN_ECONOMY', 'CONSTRUCTION', 'MANAGEMENT', 'SPECIAL')),
    title        varchar(200) not null,
    held_on      date not null,
    status       varchar(10) not null check (status in ('PLANNED', 'HELD')),
    minutes      text,
    created_by   uuid not null references account (id),
    created_at   timestamptz not null,
    minuted_at   timestamptz,
    row_version  bigint not null default 0
);
create index meeting_held_on_idx on meeting (held_on desc);

create table meeting_item (
    meeting_id    uuid not null references meeting (id),
    issue_id      uuid not null references issue (id),
    reason        varchar(500) not null,
    escalated_by  uuid not null references account (id),
    escalated_at  timestamptz not null,
    primary key (meeting_id, issue_id)
);

create table decision (
    id             uuid primary key,
    meeting_id     uuid not null references meeting (id),
    issue_id       uuid not null references issue (id),
    text           varchar(1000) not null,
    department_id  uuid not null references department (id),
    deadline       date not null,
    task_issue_id  uuid not null unique references issue (id),
    created_at     timestamptz not null
);
create index decision_deadline_idx on decision (deadline);

alter table issue drop constraint issue_source;
alter table issue add constraint issue_source check (source in ('VISIT', 'DESK', 'ENTERPRISE', 'PROJECT', 'DECISION'));
