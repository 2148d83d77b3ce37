-- 重大重点项目 under "一月一报表、两月一调度": each project belongs to an enterprise and a responsible
-- department, which reports its progress every month (investment completed against plan, milestones,
-- problems); problems become ledger issues linked to the project; every two months the office gets the
-- projects behind plan or blocked for the 调度 meeting.
create table key_project (
    id                  uuid primary key,
    name                varchar(200) not null,
    enterprise_id       uuid not null references enterprise (id),
    department_id       uuid not null references department (id),
    -- 万元, the whole project's planned investment
    planned_investment  numeric(14, 2) not null check (planned_investment > 0),
    start_month         date not null check (extract(day from start_month) = 1),
    end_month           date not null check (extract(day from end_month) = 1),
    status              varchar(20) not null check (status in ('ACTIVE', 'COMPLETED')),
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    row_version         bigint not null default 0,
    constraint key_project_months check (start_month <= end_month)
);
create index key_project_department_idx on key_project (department_id);
create index key_project_enterprise_idx on key_project (enterprise_id);

-- One report per project and month, as the department submitted it (a report is final once in).
create table key_project_report (
    id                uuid primary key,
    project_id        uuid not null references key_project (id),
    month             date not null check (extract(day from month) = 1),
    -- 万元, cumulative at the month's end: what was invested, and what the plan asked by then
    invested_to_date  numeric(14, 2) not null check (invested_to_date >= 0),
    planned_to_date   numeric(14, 2) not null check (planned_to_date >= 0),
    progress          varchar(2000) not null,
    milestones        varchar(2000),
    blocked           boolean not null,
    submitted_by      uuid not null references account (id),
    submitted_at      timestamptz not null,
    late              boolean not null,
    constraint key_project_report_once unique (project_id, month)
);

-- A reminder (due, reminder, late) goes out once per project and month, however many replicas run the job.
create table key_project_notice (
    project_id  uuid not null references key_project (id),
    month       date not null,
    kind        varchar(30) not null,
    sent_at     timestamptz not null,
    primary key (project_id, month, kind)
);

-- A problem a project's report raised is a ledger issue of the project's enterprise, linked to it.
alter table issue add column project_id uuid references key_project (id);
create index issue_project_idx on issue (project_id) where project_id is not null;
alter table issue drop constraint issue_source;
alter table issue add constraint issue_source check (source in ('VISIT', 'DESK', 'ENTERPRISE', 'PROJECT'));
-- …and to the report that raised it.
alter table issue add column project_report_id uuid references key_project_report (id);
