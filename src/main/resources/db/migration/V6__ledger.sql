-- 台账: the ledger of enterprises' issues (诉求). The issue row is the current state; issue_event is its
-- history, append-only like the audit trail.

-- The office's catalogue of categories, each with a deadline in working days and an urgent variant.
create table issue_category (
    code                  varchar(30) primary key,
    name                  varchar(40) not null unique,
    deadline_days         integer not null check (deadline_days > 0),
    urgent_deadline_days  integer not null check (urgent_deadline_days > 0),
    sort_order            integer not null
);

insert into issue_category (code, name, deadline_days, urgent_deadline_days, sort_order) values
    ('POLICY', '政策咨询', 5, 2, 1),
    ('FINANCING', '融资', 10, 5, 2),
    ('LAND', '用地', 15, 7, 3),
    ('TALENT', '用工与人才', 10, 5, 4),
    ('APPROVAL', '审批', 10, 5, 5),
    ('INFRASTRUCTURE', '基础设施', 15, 7, 6),
    ('UTILITIES', '水电气', 10, 3, 7),
    ('MARKET', '市场开拓', 15, 7, 8),
    ('OTHER', '其他', 10, 5, 9);

-- The yearly sequence behind ledger numbers (2026-000123).
create table ledger_counter (
    year        integer primary key,
    last_value  integer not null
);

create table issue (
    id                   uuid primary key,
    ledger_no            varchar(12) not null unique,
    enterprise_id        uuid not null references enterprise (id),
    source               varchar(20) not null,
    visit_id             uuid references visit (id),
    category_code        varchar(30) not null references issue_category (code),
    urgent               boolean not null default false,
    title                varchar(200) not null,
    description          varchar(5000) not null,
    status               varchar(20) not null,
    lead_department_id   uuid references department (id),
    forwarded_at         timestamptz,
    due_date             date,
    response             varchar(5000),
    resolution           varchar(20),
    responded_at         timestamptz,
    rating               integer check (rating between 1 and 5),
    satisfied            boolean,
    confirmed_at         timestamptz,
    close_reason         varchar(40),
    closed_at            timestamptz,
    registered_by        uuid not null references account (id),
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint not null default 0,
    constraint issue_source check (source in ('VISIT', 'DESK', 'ENTERPRISE')),
    constraint issue_status check (status in ('REGISTERED', 'FORWARDED', 'RETURNED', 'IN_PROGRESS', 'RESPONDED', 'SATISFIED', 'CLOSED'))
);
create index issue_enterprise_idx on issue (enterprise_id, created_at desc);
create index issue_lead_department_idx on issue (lead_department_id, status);
create index issue_created_idx on issue (created_at desc, id desc);

create table issue_assist (
    issue_id       uuid not null references issue (id),
    department_id  uuid not null references department (id),
    primary key (issue_id, department_id)
);
create index issue_assist_department_idx on issue_assist (department_id);

-- A department may return an issue once (退回); the row is that once.
create table issue_return (
    issue_id       uuid not null references issue (id),
    department_id  uuid not null references department (id),
    returned_at    timestamptz not null,
    reason         varchar(500) not null,
    primary key (issue_id, department_id)
);

create table issue_event (
    id           bigint generated always as identity primary key,
    issue_id     uuid not null references issue (id),
    occurred_at  timestamptz not null,
    actor_id     uuid not null,
    actor_roles  varchar(200) not null,
    action       varchar(30) not null,
    from_status  varchar(20),
    to_status    varchar(20) not null,
    text         varchar(5000),
    internal     boolean not null
);
create index issue_event_issue_idx on issue_event (issue_id, id);

create function history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name;
end;
$$;

create trigger issue_event_no_update before update or delete on issue_event
    for each row execute function history_is_append_only();
create trigger issue_event_no_truncate before truncate on issue_event
    for each statement execute function history_is_append_only();
