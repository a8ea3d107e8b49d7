-- When each scheduled job last started and finished, on any instance. A run claims its job by
-- moving started_at forward only if the previous start is older than most of the job's interval
-- (src/app/run-job-once.ts), so instances started together run each job once, not once each.
create table scheduled_job_runs (
  job_name text primary key,
  started_at timestamptz not null,
  finished_at timestamptz
);
