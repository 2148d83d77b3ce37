-- 回访: a follow-up visit checks on ledger issues of the enterprise it visits.
create table visit_issue (
    visit_id  uuid not null references visit (id),
    issue_id  uuid not null references issue (id),
    primary key (visit_id, issue_id)
);
create index visit_issue_issue_idx on visit_issue (issue_id);
