-- An Idempotency-Key belongs to the user who sent it (API.md "idempotency"): another user's
-- identical key is a different key, so one user's stored answer (a webhook's secret, say) is
-- never replayed to another. The table keeps its row level security (0001).
--
-- Keys stored so far name no user. They live a day at most, and a key no one can claim is no
-- use, so they go: a retry of a request sent before the upgrade is done as a new request.
delete from idempotency_keys;
alter table idempotency_keys add column user_id uuid not null;
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (org_id, user_id, key);
