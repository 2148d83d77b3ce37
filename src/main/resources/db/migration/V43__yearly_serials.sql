-- One yearly counter for every numbered series: ledger numbers (2026-000123) and the office's 督办单 and
-- 催办通知书 (走访督〔2026〕第0001号), each taken with one atomic upsert.
alter table ledger_counter rename to yearly_serial;
alter table yearly_serial add column series varchar(40) not null default 'LEDGER';
alter table yearly_serial alter column series drop default;
alter table yearly_serial drop constraint ledger_counter_pkey;
alter table yearly_serial add primary key (series, year);

insert into yearly_serial (series, year, last_value)
select 'NOTICE_' || kind, year, max(serial) from issued_notice group by kind, year;
