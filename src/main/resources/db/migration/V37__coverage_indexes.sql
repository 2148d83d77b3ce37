-- Coverage reads each assigned enterprise's last completed visit and whether an enterprise is assigned today:
-- one index lookup each instead of aggregating every visit of three years.
create index visit_enterprise_completed_idx on visit (enterprise_id, completed_at) where status = 'COMPLETED';
create index assignment_enterprise_idx on assignment (enterprise_id, start_date);
