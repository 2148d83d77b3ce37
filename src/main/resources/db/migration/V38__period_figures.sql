-- Figures are kept per period (a month 2026-06, a quarter 2026-Q2, a half-year 2026-H1, a year 2026), each
-- computed from history as of the period's end, once per metric-dictionary version.
create table period_figures (
    period              text not null,
    dictionary_version  integer not null,
    figures             text not null,
    computed_at         timestamptz not null,
    primary key (period, dictionary_version)
);

insert into period_figures (period, dictionary_version, figures, computed_at)
select to_char(month, 'YYYY-MM'), dictionary_version, figures, computed_at from month_figures;

drop table month_figures;
