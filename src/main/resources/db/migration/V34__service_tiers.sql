-- 店小二 tiers: key enterprises get closer attention, ordinary ones are visited less (无事不扰). Each tier
-- carries how often its enterprises should be visited and whether their issues are urgent by default;
-- the office changes both. The tiers themselves are fixed codes the service knows.
create table service_tier (
    code               varchar(20) primary key,
    cadence_days       integer not null check (cadence_days between 7 and 366),
    urgent_by_default  boolean not null,
    updated_at         timestamptz not null,
    row_version        bigint not null default 0
);
insert into service_tier (code, cadence_days, urgent_by_default, updated_at) values
    ('KEY', 30, true, now()),
    ('ORDINARY', 90, false, now());

-- The enterprise's tier and its 店小二: one named person (a member of its group or a department's handler).
alter table enterprise add column service_tier varchar(20) not null default 'ORDINARY' references service_tier (code);
alter table enterprise add column service_officer_id uuid references account (id);
create index enterprise_service_tier_idx on enterprise (service_tier) where service_tier <> 'ORDINARY';
