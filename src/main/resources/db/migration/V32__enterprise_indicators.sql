-- 一企一档: how each enterprise is doing, month by month, by the indicators of the indicator dictionary
-- (api-spec/indicator-dictionary.json). A value is never edited: a correction is a new row, and the row it
-- replaces keeps its value and gets superseded_at, so every figure's history stays readable.
create table enterprise_indicator (
    id                 uuid primary key,
    enterprise_id      uuid not null references enterprise (id),
    indicator          varchar(40) not null,
    period             date not null check (extract(day from period) = 1),
    value              numeric(18, 2) not null,
    source             varchar(20) not null check (source in ('VISIT', 'ENTERPRISE', 'STATISTICS', 'OFFICE')),
    recorded_by        uuid references account (id),
    recorded_at        timestamptz not null,
    note               varchar(200),
    dictionary_version integer not null,
    superseded_at      timestamptz
);

-- One current value per enterprise, indicator and month.
create unique index enterprise_indicator_current on enterprise_indicator (enterprise_id, indicator, period)
    where superseded_at is null;
create index enterprise_indicator_history on enterprise_indicator (enterprise_id, period, indicator, recorded_at);
