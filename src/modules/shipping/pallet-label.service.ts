import { requirePermission } from '../../platform/auth/permissions.js';
import type { RequestContext } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenancy.js';
import { Gs1Error, renderLogisticsLabel, type LabelFormat, type LogisticsLabel } from '../../platform/gs1/index.js';
import { AppError } from '../../platform/http/errors.js';
import { findDispatchProducts } from '../technical/index.js';
import type { Pallet } from './pallet.schema.js';
import { palletView, requirePallet } from './pallet.service.js';

export const labelContentTypes: Record<LabelFormat, string> = {
  zpl: 'application/zpl; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  pdf: 'application/pdf',
};

/** The one value every item shares, or undefined when they differ (a mixed pallet says nothing of it). */
const shared = <T>(values: T[]): T | undefined => (values.length > 0 && values.every((value) => value === values[0]) ? values[0] : undefined);

/**
 * What the pallet's label carries: (00) the SSCC; for a pallet of one product, (02) its GTIN when
 * it has one, (15) the earliest best-before and (37) the count of plates; (10) the lot when all share one.
 */
export async function palletLabelContent(ctx: RequestContext, pallet: Pallet): Promise<LogisticsLabel> {
  const productId = shared(pallet.items.map((item) => item.productId));
  const product = productId ? (await findDispatchProducts(ctx, [productId])).get(productId) : undefined;
  const expiries = pallet.items.map((item) => item.expiryDate).filter((date): date is string => date !== null).sort();
  const label: LogisticsLabel = { sscc: pallet.sscc };
  if (product?.gtin) label.contentGtin = product.gtin.padStart(14, '0');
  if (product) label.productName = product.name;
  const lot = shared(pallet.items.map((item) => item.lot));
  if (lot) label.lot = lot;
  if (product && expiries.length > 0) label.bestBefore = expiries[0]!;
  if (product) label.count = pallet.items.length;
  return label;
}

/** The pallet's GS1-128 logistics label as ZPL, SVG or PDF. */
export async function renderPalletLabel(ctx: RequestContext, id: string, format: LabelFormat): Promise<{ body: Buffer; contentType: string }> {
  requirePermission(ctx, 'shipping', 'read');
  const pallet = await withTenant(ctx, async (tx) => palletView(ctx, tx, await requirePallet(tx, id)));
  try {
    return { body: await renderLogisticsLabel(await palletLabelContent(ctx, pallet), format), contentType: labelContentTypes[format] };
  } catch (error) {
    if (error instanceof Gs1Error) throw new AppError('CONFLICT', `the pallet's label cannot be printed: ${error.message}`);
    throw error;
  }
}
