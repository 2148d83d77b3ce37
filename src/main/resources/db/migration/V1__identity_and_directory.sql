-- 责任单位: the departments that work forwarded issues.
create table department (
    id          uuid primary key,
    name        varchar(100) not null unique,
    short_name  varchar(40),
    created_at  timestamptz not null default now(),
    version     bigint not null default 0
);

create table enterprise (
    id                uuid primary key,
    name              varchar(200) not null,
    credit_code       char(18) not null,
    scale_categories  varchar(200) not null default '',
    industry_chain    varchar(40),
    town              varchar(60) not null,
    address           varchar(300) not null,
    latitude          double precision,
    longitude         double precision,
    contact_name      varchar(60) not null,
    contact_phone     varchar(20) not null,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    version           bigint not null default 0,
    constraint enterprise_credit_code_unique unique (credit_code),
    constraint enterprise_location_pair check ((latitude is null) = (longitude is null)),
    constraint enterprise_latitude check (latitude is null or latitude between -90 and 90),
    constraint enterprise_longitude check (longitude is null or longitude between -180 and 180)
);
create index enterprise_name_idx on enterprise (name, id);
create index enterprise_town_idx on enterprise (town);
create index enterprise_chain_idx on enterprise (industry_chain);

create table account (
    id             uuid primary key,
    phone          varchar(20) not null,
    display_name   varchar(60) not null,
    password_hash  varchar(200) not null,
    roles          varchar(200) not null,
    department_id  uuid references department (id),
    enterprise_id  uuid references enterprise (id),
    active         boolean not null default true,
    created_at     timestamptz not null default now(),
    version        bigint not null default 0,
    constraint account_phone_unique unique (phone)
);
create index account_enterprise_idx on account (enterprise_id);
create index account_department_idx on account (department_id);

-- Refresh tokens rotate inside a family: the family is one login on one device.
create table refresh_token (
    id          uuid primary key,
    family_id   uuid not null,
    account_id  uuid not null references account (id),
    token_hash  char(64) not null unique,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create index refresh_token_family_idx on refresh_token (family_id);

-- 挂点帮扶小组, led by a district leader.
create table assistance_group (
    id          uuid primary key,
    name        varchar(100) not null unique,
    leader_id   uuid not null references account (id),
    created_at  timestamptz not null default now(),
    version     bigint not null default 0
);

create table group_member (
    group_id    uuid not null references assistance_group (id),
    account_id  uuid not null references account (id),
    primary key (group_id, account_id)
);
create index group_member_account_idx on group_member (account_id);

-- 挂点: group <-> enterprise over time; ending one and starting another keeps the history.
create table assignment (
    id             uuid primary key,
    group_id       uuid not null references assistance_group (id),
    enterprise_id  uuid not null references enterprise (id),
    start_date     date not null,
    end_date       date,
    created_at     timestamptz not null default now(),
    constraint assignment_dates check (end_date is null or end_date >= start_date)
);
-- At most one open assignment per enterprise.
create unique index assignment_open_unique on assignment (enterprise_id) where end_date is null;
create index assignment_group_idx on assignment (group_id, enterprise_id);
