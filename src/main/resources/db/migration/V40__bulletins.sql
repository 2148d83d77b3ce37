-- The 通报's typical cases the office picks for a period, and the numbered 督办单 and 催办通知书 it issues.
create table typical_case (
    period      varchar(10) not null,
    issue_id    uuid not null references issue (id),
    kind        varchar(10) not null check (kind in ('GOOD', 'BAD')),
    note        varchar(500) not null,
    marked_by   uuid not null references account (id),
    marked_at   timestamptz not null,
    primary key (period, issue_id)
);

create table issued_notice (
    id           uuid primary key,
    kind         varchar(20) not null check (kind in ('SUPERVISION', 'REMINDER')),
    year         integer not null,
    serial       integer not null,
    issue_id     uuid not null references issue (id),
    requirement  varchar(500) not null,
    issued_by    uuid not null references account (id),
    issued_at    timestamptz not null,
    unique (kind, year, serial)
);
create index issued_notice_issue_idx on issued_notice (issue_id);
