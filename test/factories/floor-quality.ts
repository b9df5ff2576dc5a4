import type { Session, TestServer } from '../server.js';
import { expectStatus } from './production.js';
import { signedBy } from './quality.js';

/**
 * One of each floor quality record for an organization, through the API: a lot-wide hold (and
 * the LPs it covers), a CCP with a reading outside its limits (and its NCR), a production line
 * with a signed changeover check. For tests that must see every tenant table hold rows.
 */
export async function seedFloorQualityRecords(server: TestServer, session: Session, where: { productId: string; lot: string; warehouseId: string }): Promise<void> {
  const api = server.as(session.accessToken);
  expectStatus(await api.post('/api/v1/holds', { productId: where.productId, lot: where.lot, reason: 'seed', includeDerived: true }), 201, 'hold');
  const ccp = expectStatus(await api.post('/api/v1/haccp/ccps', { code: 'CCP-SEED', name: 'Oven', hazard: 'Pathogens', unit: '°C', min: 72 }), 201, 'ccp');
  expectStatus(await api.post(`/api/v1/haccp/ccps/${ccp.id}/readings`, { value: 60 }), 201, 'reading');
  const line = expectStatus(await api.post('/api/v1/lines', { code: 'LINE-SEED', name: 'Line', warehouseId: where.warehouseId }), 201, 'line');
  expectStatus(await api.post(`/api/v1/lines/${line.id}/changeovers`, { signature: signedBy(session, 'cleaning verified') }), 201, 'changeover');
}
