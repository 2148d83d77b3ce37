-- The zone's yearly targets (e.g. 主营业务收入 +¥33.7 bn) per indicator of the indicator dictionary, for the
-- whole zone (chain null) or one industry chain. The office replaces a year's targets as a whole; the audit
-- trail keeps who set what.
create table zone_target (
    id        uuid primary key,
    year      integer not null check (year between 2000 and 2100),
    indicator varchar(40) not null,
    chain     varchar(40),
    value     numeric(18, 2) not null check (value >= 0),
    set_by    uuid references account (id),
    set_at    timestamptz not null
);

create unique index zone_target_key on zone_target (year, indicator, coalesce(chain, ''));
