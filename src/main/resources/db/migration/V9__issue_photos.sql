-- Photos are evidence of ledger issues too (the problem as found, the answer's proof).
alter table photo drop constraint photo_owner_type;
alter table photo add constraint photo_owner_type check (owner_type in ('VISIT', 'ISSUE'));
