-- An official's delta sync asks for "my groups' visits changed since the cursor". With the group first,
-- that is one short range per group, instead of intersecting every visit of the group with every visit
-- changed anywhere since.
create index visit_group_sync_idx on visit (group_id, sync_at, id);
