-- Free tags on enterprises (高新技术企业, 上市后备, 专精特新, 研发机构 …), as the office names them, and the plan's
-- number of enterprises for a tag in a year (e.g. 145 高新技术企业), so the office sees the count against it.
create table enterprise_tag (
    enterprise_id  uuid not null references enterprise (id),
    tag            varchar(30) not null,
    tagged_at      timestamptz not null,
    primary key (enterprise_id, tag)
);
create index enterprise_tag_tag_idx on enterprise_tag (tag);

create table tag_plan (
    year     integer not null check (year between 2000 and 2100),
    tag      varchar(30) not null,
    target   integer not null check (target >= 0),
    set_by   uuid references account (id),
    set_at   timestamptz not null,
    primary key (year, tag)
);
