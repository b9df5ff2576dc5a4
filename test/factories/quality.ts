import type { Client, Session, TestServer } from '../server.js';
import { sqlAsOwner } from './inventory.js';
import { expectStatus } from './production.js';

// Builds quality records (NCRs, specifications, inspections) through the HTTP API, and reads
// what quality wrote, to prove a refusal wrote nothing.

/** A signature block as a signed action's body carries it. */
export const signedBy = (session: Pick<Session, 'password'>, meaning = 'approved') => ({ password: session.password, meaning });

export async function createNcr(api: Client, body: Record<string, unknown> = {}): Promise<any> {
  return expectStatus(await api.post('/api/v1/ncrs', { title: 'Foreign matter in flour', description: 'A piece of string in bag 3', severity: 'major', ...body }), 201, 'create NCR');
}

/** Row counts and states of everything quality writes for one organization, and its audit rows. */
export async function qualityFootprint(server: TestServer, orgId: string): Promise<Record<string, string>> {
  const [row] = await sqlAsOwner<Record<string, string>>(
    server,
    `select (select count(*) from signatures where org_id = $1)::text as signatures,
            (select coalesce(string_agg(number || status || coalesce(root_cause, '-'), ',' order by id), '') from ncrs where org_id = $1) as ncrs,
            (select count(*) from ncr_license_plates where org_id = $1)::text as ncr_plates,
            (select coalesce(string_agg(number || status || coalesce(decision, '-'), ',' order by id), '') from inspections where org_id = $1) as inspections,
            (select count(*) from inspection_results where org_id = $1)::text as results,
            (select coalesce(string_agg(version || status, ',' order by id), '') from specifications where org_id = $1) as specifications,
            (select coalesce(string_agg(qa_status, ',' order by id), '') from license_plates where org_id = $1) as qa,
            (select count(*) from stock_moves where org_id = $1)::text as moves,
            (select count(*) from audit_log where org_id = $1)::text as audit,
            (select count(*) from events where org_id = $1)::text as events,
            (select coalesce(string_agg(name || '=' || value, ',' order by name), '') from org_counters where org_id = $1) as counters`,
    [orgId],
  );
  return row!;
}

/** The flour receipt specification of the demo: moisture at most 15 %, no foreign matter, a colour note. */
export const flourReceiptParameters = [
  { code: 'moisture', name: 'Moisture', kind: 'numeric', max: 15, unit: '%' },
  { code: 'foreign_matter_absent', name: 'No foreign matter', kind: 'boolean' },
  { code: 'colour', name: 'Colour', kind: 'text', required: false },
];

export async function createSpecification(api: Client, productId: string, body: Record<string, unknown> = {}): Promise<any> {
  return expectStatus(
    await api.post('/api/v1/specifications', { productId, name: 'Flour on receipt', stage: 'receipt', parameters: flourReceiptParameters, ...body }),
    201,
    'create specification',
  );
}

/** The inspections that name an LP. */
export async function inspectionsOf(api: Client, licensePlateId: string): Promise<any[]> {
  return expectStatus(await api.get(`/api/v1/inspections?licensePlateId=${licensePlateId}`), 200, 'list inspections').items;
}

export interface FilePart {
  name?: string;
  fileName: string;
  type: string;
  content: Buffer;
}

/** A multipart/form-data body of text fields and files, as a browser's FormData would send it. */
export function multipartBody(fields: Record<string, string>, files: FilePart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----monopilot${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.fileName}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The first bytes of each file type quality takes, padded to a size. */
export const fileOf = {
  pdf: (size = 1000) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(Math.max(0, size - 9), 0x20)]),
  png: (size = 1000) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(Math.max(0, size - 8), 1)]),
  jpeg: (size = 1000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(Math.max(0, size - 4), 2)]),
};

/**
 * One of each quality record for an organization, through the API: a specification, the
 * inspection its receipt opened (with results, failed and signed), the NCR that opened, and a
 * document on the plate. For tests that must see every tenant table hold rows.
 */
export async function seedQualityRecords(server: TestServer, session: Session, where: { productId: string; locationId: string }): Promise<void> {
  const api = server.as(session.accessToken);
  await createSpecification(api, where.productId, { parameters: [{ code: 'moisture', name: 'Moisture', kind: 'numeric', max: 15 }] });
  const receipt = expectStatus(await api.post('/api/v1/receipts', { locationId: where.locationId, lines: [{ productId: where.productId, qty: 5, lot: 'Q-SEED' }] }), 201, 'receive');
  const [inspection] = await inspectionsOf(api, receipt.licensePlates[0].id);
  expectStatus(await api.post(`/api/v1/inspections/${inspection.id}/results`, { results: [{ parameterCode: 'moisture', value: 16 }] }), 200, 'results');
  expectStatus(await api.post(`/api/v1/inspections/${inspection.id}/complete`, { signature: signedBy(session, 'rejected') }), 200, 'complete');
  const body = multipartBody({ kind: 'photo' }, [{ fileName: 'sack.png', type: 'image/png', content: fileOf.png(64) }]);
  expectStatus(await server.request({ method: 'POST', url: `/api/v1/license-plates/${receipt.licensePlates[0].id}/documents`, payload: body.payload, headers: body.headers, token: session.accessToken }), 201, 'document');
}
