-- An official's delta sync asks "did any issue of my groups' enterprises change since the cursor?". With
-- the enterprise first, that is one short range per enterprise (a few dozen), read from the index alone;
-- without it, every issue of those enterprises is visited (about 0.1 ms each on the generated zone).
create index issue_enterprise_sync_idx on issue (enterprise_id, sync_at, id);
