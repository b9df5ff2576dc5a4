-- Failed sign-ins are counted per email AND client address: an attacker's failures lock out
-- only the attacker's address, never the real user signing in from elsewhere. The rows are a
-- short-lived throttle (a 15-minute window), so those counted per email alone are dropped.
delete from login_attempts;
alter table login_attempts drop constraint login_attempts_pkey;
alter table login_attempts add column address text not null;
alter table login_attempts add primary key (email, address);
-- The hourly cleanup removes rows past their window.
create index login_attempts_first_failed_idx on login_attempts (first_failed_at);
