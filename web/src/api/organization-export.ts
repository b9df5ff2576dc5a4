import { request } from './client';

export interface ExportProgress {
  /** Rows received so far (lines after the file's header line). */
  done: number;
  /** Rows the server announced (X-Export-Rows). */
  total: number;
}

export interface DownloadedExport {
  blob: Blob;
  filename: string;
  total: number;
}

const NEWLINE = 10;

/**
 * Downloads the organization's export, reporting progress as its lines arrive: the response is
 * kept as it came (the gzip'd file) and, beside it, unpacked only to count lines against the
 * total the server announced before the first row.
 */
export async function downloadOrganizationExport(onProgress: (progress: ExportProgress) => void): Promise<DownloadedExport> {
  const response = await request('/organization/export', { accept: 'application/gzip' });
  const total = Number(response.headers.get('x-export-rows') ?? 0);
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'organization.mpx.gz';
  if (!response.body) return { blob: await response.blob(), filename, total };
  const [kept, counted] = response.body.tee();
  const chunks: BlobPart[] = [];
  const keep = (async () => {
    for (const reader = kept.getReader(); ; ) {
      const { done, value } = await reader.read();
      if (done) return;
      chunks.push(value);
    }
  })();
  const count = (async () => {
    let lines = 0;
    onProgress({ done: 0, total });
    for (const reader = counted.pipeThrough(new DecompressionStream('gzip')).getReader(); ; ) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const byte of value) if (byte === NEWLINE) lines++;
      // The first line is the header, not a row.
      onProgress({ done: Math.max(0, lines - 1), total });
    }
  })();
  await Promise.all([keep, count]);
  return { blob: new Blob(chunks, { type: 'application/gzip' }), filename, total };
}

/** Hands a downloaded file to the browser to save. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
