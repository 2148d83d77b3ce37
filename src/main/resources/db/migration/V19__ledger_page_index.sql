-- An official's ledger page is "the newest issues of my groups' enterprises". With the id in the index,
-- the page's ids come from the index alone (newest per enterprise, merged), without reading and sorting
-- every issue of those enterprises. It replaces the (enterprise_id, created_at) index it extends.
create index issue_enterprise_page_idx on issue (enterprise_id, created_at desc, id desc);
drop index issue_enterprise_idx;
