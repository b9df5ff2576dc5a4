import { boolean, customType, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { QaStatus } from '../warehouse/index.js';
import { auditColumns, idColumn, orgIdColumn } from '../../platform/db/columns.js';

// Quality tables (migrations/0015_quality.sql): specifications, inspections, NCRs, signatures,
// documents. Status and kind columns name their values (a type only: the database checks them).

const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const limit = (name: string) => numeric(name, { precision: 18, scale: 6 });
const stage = () => text('stage').$type<'receipt' | 'in_process' | 'final'>().notNull();

/** PostgreSQL bytea, read and written as a Node Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const specifications = pgTable('specifications', {
  id: idColumn(),
  orgId: orgIdColumn(),
  productId: uuid('product_id').notNull(),
  name: text('name').notNull(),
  stage: stage(),
  version: integer('version').notNull(),
  status: text('status').$type<'active' | 'superseded'>().notNull().default('active'),
  ...auditColumns(),
});

export const specificationParameters = pgTable('specification_parameters', {
  id: idColumn(),
  orgId: orgIdColumn(),
  specificationId: uuid('specification_id').notNull(),
  lineNo: integer('line_no').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<'numeric' | 'boolean' | 'text'>().notNull(),
  minValue: limit('min_value'),
  maxValue: limit('max_value'),
  unit: text('unit'),
  expected: boolean('expected'),
  required: boolean('required').notNull().default(true),
  createdAt: timestampColumn('created_at').notNull().defaultNow(),
});

export const inspections = pgTable('inspections', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  stage: stage(),
  productId: uuid('product_id').notNull(),
  lot: text('lot').notNull(),
  specificationId: uuid('specification_id').notNull(),
  origin: text('origin').$type<'receipt' | 'output' | 'manual'>().notNull(),
  status: text('status').$type<'open' | 'completed'>().notNull().default('open'),
  decision: text('decision').$type<'passed' | 'failed'>(),
  completedAt: timestampColumn('completed_at'),
  completedBy: uuid('completed_by'),
  ...auditColumns(),
});

export const inspectionLicensePlates = pgTable(
  'inspection_license_plates',
  {
    orgId: orgIdColumn(),
    inspectionId: uuid('inspection_id').notNull(),
    licensePlateId: uuid('license_plate_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.inspectionId, table.licensePlateId] })],
);

export const inspectionResults = pgTable('inspection_results', {
  id: idColumn(),
  orgId: orgIdColumn(),
  inspectionId: uuid('inspection_id').notNull(),
  parameterCode: text('parameter_code').notNull(),
  value: text('value').notNull(),
  passed: boolean('passed').notNull(),
  ...auditColumns(),
});

export const ncrs = pgTable('ncrs', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  severity: text('severity').$type<'minor' | 'major' | 'critical'>().notNull(),
  status: text('status').$type<'open' | 'investigating' | 'action' | 'closed'>().notNull().default('open'),
  productId: uuid('product_id'),
  lot: text('lot'),
  supplierId: uuid('supplier_id'),
  inspectionId: uuid('inspection_id'),
  rootCause: text('root_cause'),
  correctiveAction: text('corrective_action'),
  closedAt: timestampColumn('closed_at'),
  closedBy: uuid('closed_by'),
  ...auditColumns(),
});

export const ncrLicensePlates = pgTable(
  'ncr_license_plates',
  {
    orgId: orgIdColumn(),
    ncrId: uuid('ncr_id').notNull(),
    licensePlateId: uuid('license_plate_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.ncrId, table.licensePlateId] })],
);

export const signatures = pgTable('signatures', {
  id: idColumn(),
  orgId: orgIdColumn(),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  signerId: uuid('signer_id').notNull(),
  signerName: text('signer_name').notNull(),
  signerEmail: text('signer_email').notNull(),
  meaning: text('meaning').notNull(),
  recordSha256: text('record_sha256').notNull(),
  signedAt: timestampColumn('signed_at').notNull().defaultNow(),
});

export const documents = pgTable('documents', {
  id: idColumn(),
  orgId: orgIdColumn(),
  licensePlateId: uuid('license_plate_id').notNull(),
  productId: uuid('product_id').notNull(),
  lot: text('lot').notNull(),
  kind: text('kind').$type<'coa' | 'photo' | 'other'>().notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').$type<'application/pdf' | 'image/png' | 'image/jpeg'>().notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  createdAt: timestampColumn('created_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

// Lot-wide holds and the LPs each covers, HACCP critical control points and their readings
// (migrations/0016_quality_holds_haccp.sql).

export const holds = pgTable('holds', {
  id: idColumn(),
  orgId: orgIdColumn(),
  number: text('number').notNull(),
  productId: uuid('product_id').notNull(),
  lot: text('lot').notNull(),
  reason: text('reason').notNull(),
  includeDerived: boolean('include_derived').notNull(),
  status: text('status', { enum: ['open', 'released'] }).notNull().default('open'),
  releasedAt: timestampColumn('released_at'),
  releasedBy: uuid('released_by'),
  releaseReason: text('release_reason'),
  ...auditColumns(),
});

export const holdLicensePlates = pgTable(
  'hold_license_plates',
  {
    orgId: orgIdColumn(),
    holdId: uuid('hold_id').notNull(),
    licensePlateId: uuid('license_plate_id').notNull(),
    priorQaStatus: text('prior_qa_status').$type<Exclude<QaStatus, 'rejected'>>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.holdId, table.licensePlateId] })],
);

export const haccpCcps = pgTable('haccp_ccps', {
  id: idColumn(),
  orgId: orgIdColumn(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  hazard: text('hazard').notNull(),
  unit: text('unit').notNull(),
  minValue: limit('min_value'),
  maxValue: limit('max_value'),
  locationId: uuid('location_id'),
  active: boolean('active').notNull().default(true),
  ...auditColumns(),
});

export const haccpReadings = pgTable('haccp_readings', {
  id: idColumn(),
  orgId: orgIdColumn(),
  ccpId: uuid('ccp_id').notNull(),
  value: limit('value').notNull(),
  takenAt: timestampColumn('taken_at').notNull().defaultNow(),
  note: text('note'),
  withinLimits: boolean('within_limits').notNull(),
  ncrId: uuid('ncr_id'),
  userId: uuid('user_id'),
  createdAt: timestampColumn('created_at').notNull().defaultNow(),
});
