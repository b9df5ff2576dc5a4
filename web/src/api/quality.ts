/** The quality shapes of API.md ("Quality and food safety"), as the web app reads them. */
export type Stage = 'receipt' | 'in_process' | 'final';
export const stages: Stage[] = ['receipt', 'in_process', 'final'];
export type ParameterKind = 'numeric' | 'boolean' | 'text';

export interface SpecificationParameter {
  code: string;
  name: string;
  kind: ParameterKind;
  min: number | null;
  max: number | null;
  unit: string | null;
  expected: boolean | null;
  required: boolean;
}
export interface Specification {
  id: string;
  productId: string;
  name: string;
  stage: Stage;
  version: number;
  status: 'active' | 'superseded';
  parameters: SpecificationParameter[];
  createdAt: string;
}

export type ResultValue = number | boolean | string;
export interface InspectionResult {
  parameterCode: string;
  value: ResultValue;
  passed: boolean;
}
export interface Inspection {
  id: string;
  number: string;
  stage: Stage;
  productId: string;
  lot: string;
  licensePlateIds: string[];
  specificationId: string;
  origin: 'receipt' | 'output' | 'manual';
  status: 'open' | 'completed';
  results: InspectionResult[];
  decision: 'passed' | 'failed' | null;
  ncrId: string | null;
  completedAt: string | null;
  createdAt: string;
}

export const ncrStatuses = ['open', 'investigating', 'action', 'closed'] as const;
export type NcrStatus = (typeof ncrStatuses)[number];
export const ncrSeverities = ['minor', 'major', 'critical'] as const;
export type NcrSeverity = (typeof ncrSeverities)[number];
export interface Ncr {
  id: string;
  number: string;
  title: string;
  description: string;
  severity: NcrSeverity;
  status: NcrStatus;
  productId: string | null;
  lot: string | null;
  licensePlateIds: string[];
  supplierId: string | null;
  inspectionId: string | null;
  rootCause: string | null;
  correctiveAction: string | null;
  createdAt: string;
  closedAt: string | null;
}
export interface NcrSummary {
  byStatus: Record<NcrStatus, number>;
  oldestOpenAt: string | null;
}

export interface Signature {
  id: string;
  recordType: string;
  recordId: string;
  signerName: string;
  signerEmail: string;
  meaning: string;
  recordSha256: string;
  signedAt: string;
}
/** What a signed action's body carries. */
export interface SignatureInput {
  password: string;
  meaning: string;
}

export type DocumentKind = 'coa' | 'photo' | 'other';
export const documentKinds: DocumentKind[] = ['coa', 'photo', 'other'];
export interface QualityDocument {
  id: string;
  licensePlateId: string;
  fileName: string;
  kind: DocumentKind;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** A result judged as the server judges it: a number within the limits, the expected yes/no; a text always passes. */
export function judge(parameter: SpecificationParameter, value: ResultValue | undefined): boolean | null {
  if (value === undefined || value === '') return null;
  if (parameter.kind === 'numeric') {
    if (typeof value !== 'number' || Number.isNaN(value)) return null;
    return (parameter.min === null || value >= parameter.min) && (parameter.max === null || value <= parameter.max);
  }
  if (parameter.kind === 'boolean') return typeof value === 'boolean' ? value === (parameter.expected ?? true) : null;
  return true;
}

/** Whole days since an ISO time. */
export function ageInDays(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 86_400_000));
}
