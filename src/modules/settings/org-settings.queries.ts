import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import type { OrgSettings, UpdateOrgSettingsInput } from './org-settings.schema.js';
import { orgSettings } from './tables.js';

const settingsFields = {
  receiptQaRequired: orgSettings.receiptQaRequired,
  outputQaRequired: orgSettings.outputQaRequired,
  // A numeric(6,2) percentage, answered as a JSON number (API.md); nothing computes with it here.
  overReceiptTolerancePercent: sql<number>`${orgSettings.overReceiptTolerancePercent}`.mapWith(Number),
  expiryWarningDays: orgSettings.expiryWarningDays,
  locale: orgSettings.locale,
  timezone: orgSettings.timezone,
  gs1CompanyPrefix: orgSettings.gs1CompanyPrefix,
  overConsumptionTolerancePercent: sql<number>`${orgSettings.overConsumptionTolerancePercent}`.mapWith(Number),
};

// Every organization gets its settings row when it is created (migration 0003), so none is missing.
const present = (row: OrgSettings | undefined): OrgSettings => {
  if (!row) throw new Error('organization settings row is missing');
  return row;
};

/** The organization's settings (row level security picks its one row). */
export async function selectOrgSettings(tx: Tx): Promise<OrgSettings> {
  const [row] = await tx.select(settingsFields).from(orgSettings);
  return present(row);
}

/** Writes the settings given (at least one: Drizzle skips those left undefined, which keep their value). */
export async function updateOrgSettingsRow(tx: Tx, input: UpdateOrgSettingsInput): Promise<OrgSettings> {
  const [row] = await tx
    .update(orgSettings)
    .set({
      receiptQaRequired: input.receiptQaRequired,
      outputQaRequired: input.outputQaRequired,
      overReceiptTolerancePercent: input.overReceiptTolerancePercent?.toString(),
      expiryWarningDays: input.expiryWarningDays,
      locale: input.locale,
      timezone: input.timezone,
      gs1CompanyPrefix: input.gs1CompanyPrefix,
      overConsumptionTolerancePercent: input.overConsumptionTolerancePercent?.toString(),
    })
    .returning(settingsFields);
  return present(row);
}
