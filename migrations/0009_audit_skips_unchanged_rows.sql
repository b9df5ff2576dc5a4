-- An update that changes nothing but the audit columns (which the trigger always sets)
-- leaves no audit row.
create or replace function mp_audit_row() returns trigger language plpgsql as $$
declare
  old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) - 'password_hash' - 'token_hash' - 'secret' end;
  new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) - 'password_hash' - 'token_hash' - 'secret' end;
begin
  if tg_op = 'UPDATE' and (old_row - 'updated_at' - 'updated_by') = (new_row - 'updated_at' - 'updated_by') then
    return null;
  end if;
  insert into audit_log (org_id, table_name, record_id, action, old_data, new_data, user_id)
  values (
    coalesce(new_row ->> 'org_id', old_row ->> 'org_id')::uuid,
    tg_table_name,
    coalesce(new_row ->> 'id', old_row ->> 'id')::uuid,
    tg_op, old_row, new_row, current_app_user_id());
  return null;
end $$;
