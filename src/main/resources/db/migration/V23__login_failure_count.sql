-- Failed logins, counted per key: one phone from one address, one phone from anywhere, one address for any
-- phone, and all of them. Each key's window starts at its first failure. A login counts itself here before
-- its password is checked (an upsert, atomic), so parallel guesses cannot pass a limit; a success takes its
-- count back.
create table login_failure_count (
    key            text primary key,
    window_seconds integer     not null,
    since          timestamptz not null,
    failures       integer     not null
);
create index login_failure_count_since on login_failure_count (since);
