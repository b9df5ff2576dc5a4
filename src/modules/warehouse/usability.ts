import { sql, type Column, type SQL } from 'drizzle-orm';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type ProblemParams } from '../../platform/http/errors.js';
import { todayIn } from '../../platform/time.js';
import { getOrgSettings } from '../settings/index.js';
import type { LpStatus, QaStatus } from './license-plate.schema.js';
import { licensePlates } from './tables.js';

/** What the usability rule looks at. */
export interface UsabilityFacts {
  number: string;
  status: LpStatus;
  qaStatus: QaStatus;
  expiryDate: string | null;
}

export { todayIn };

/** Today in the organization's time zone: the day expiry dates are compared with. */
export async function organizationToday(ctx: RequestContext): Promise<string> {
  return todayIn((await getOrgSettings(ctx)).timezone);
}

/** Why an LP may not be consumed or shipped today; empty when it may. An LP is still usable on its expiry date. */
export function usabilityProblems(lp: UsabilityFacts, today: string): string[] {
  const problems: string[] = [];
  if (lp.status !== 'available') problems.push(`status is ${lp.status}, not available`);
  if (lp.qaStatus !== 'released') problems.push(`QA status is ${lp.qaStatus}, not released`);
  if (lp.expiryDate !== null && lp.expiryDate < today) problems.push(`expired on ${lp.expiryDate}`);
  return problems;
}

/**
 * The same rule as a SQL condition on a license_plates row (`lp` names its alias), for
 * queries that sum or pick usable stock. Kept beside usabilityProblems so the two change together.
 */
export function usableLicensePlateSql(lp: string, today: string): SQL {
  const column = (of: Column) => sql`${sql.identifier(lp)}.${sql.identifier(of.name)}`;
  const expiry = column(licensePlates.expiryDate);
  return sql`(${column(licensePlates.status)} = 'available' and ${column(licensePlates.qaStatus)} = 'released' and (${expiry} is null or ${expiry} >= ${today}::date))`;
}

/**
 * THE usability rule: only available, QA-released, unexpired stock may be consumed or
 * shipped. Throws a 409 that says which of the three failed.
 */
export function assertUsable(lp: UsabilityFacts, today: string, path = 'licensePlateId'): void {
  const problems = usabilityProblems(lp, today);
  if (problems.length > 0) {
    const params = usabilityParams(lp, today);
    throw AppError.coded('INVALID_STATE', 'license_plate_not_usable', params, `license plate ${lp.number} is not usable: ${problems.join('; ')}`, [
      { path, message: problems.join('; '), code: 'license_plate_not_usable', params },
    ]);
  }
}

/** The values behind usabilityProblems, for a client's own sentence: only the failed checks are named. */
function usabilityParams(lp: UsabilityFacts, today: string): ProblemParams {
  return {
    number: lp.number,
    ...(lp.status !== 'available' ? { status: lp.status } : {}),
    ...(lp.qaStatus !== 'released' ? { qaStatus: lp.qaStatus } : {}),
    ...(lp.expiryDate !== null && lp.expiryDate < today ? { expiredOn: lp.expiryDate } : {}),
  };
}
